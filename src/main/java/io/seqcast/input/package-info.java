/**
 * The request-input path shared by {@code /forecast}, {@code /backtest} and training jobs: the one
 * series check ({@link io.seqcast.input.SeriesRules}) with its limits, and the exception type that
 * carries its own HTTP status and problem type ({@link io.seqcast.input.ProblemException}), which the
 * API maps to an RFC 9457 problem and the metrics to an outcome in one place each. Spring-free.
 */
package io.seqcast.input;
