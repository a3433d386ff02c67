/**
 * REST endpoints of training jobs: {@code POST /models/{name}/training-jobs} and {@code /training-jobs}.
 * The request records here mirror the series format of {@code /forecast}.
 */
package io.seqcast.api.training;
