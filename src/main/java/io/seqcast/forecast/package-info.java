/**
 * Forecasting: {@link io.seqcast.forecast.ForecastService} validates a request against the configured
 * limits ({@link io.seqcast.forecast.ForecastProperties}), resolves the model once, prepares the time
 * axes and runs one batched {@link io.seqcast.training.Predictor} pass; {@code "auto"} fits a small model on
 * the request's own series within a time budget.
 */
package io.seqcast.forecast;
