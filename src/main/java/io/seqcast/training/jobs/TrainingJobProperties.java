package io.seqcast.training.jobs;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of training jobs: how many run at once, how many wait, and the limits a request must keep.
 *
 * @param concurrency jobs that train at the same time (each on its own job thread; their parallel work
 *     shares the training pool of {@code threads} threads)
 * @param queueCapacity jobs that may wait for a free slot; one more is refused with 429
 * @param history finished jobs kept in memory for {@code GET /training-jobs} (queued and running jobs
 *     are always kept); jobs are not persisted across restarts
 * @param maxSeries most series in one request
 * @param maxPoints most values over all series of one request
 * @param maxEpochs largest {@code config.epochs} (and the cap of the default)
 * @param maxHidden largest {@code config.hidden}
 * @param maxLayers largest {@code config.layers}
 * @param maxWindow largest {@code config.window}; a window chosen from the data is capped at it
 * @param maxHorizon largest horizon
 * @param maxBatchSize largest {@code config.batchSize}
 * @param retryAfter the {@code Retry-After} a client gets with a 429 when the queue is full
 * @param shutdownTimeout how long shutdown waits for cancelled jobs to stop before it moves on (a
 *     cancellation is checked before every shard of every mini-batch, so jobs stop within about a second)
 * @param threads size of training's own compute pool, apart from the forecasting pool
 *     ({@code seqcast.tensor.threads}): 1 (the default) means a job's work runs on its job thread alone,
 *     so on a 2-core machine training takes at most one core and forecasting keeps the other
 */
@Validated
@ConfigurationProperties("seqcast.training")
public record TrainingJobProperties(
        @DefaultValue("1") @Min(1) int concurrency,
        @DefaultValue("8") @Min(1) int queueCapacity,
        @DefaultValue("100") @Min(1) int history,
        @DefaultValue("1000") @Min(1) int maxSeries,
        @DefaultValue("100000") @Min(1) int maxPoints,
        @DefaultValue("1000") @Min(1) int maxEpochs,
        @DefaultValue("512") @Min(1) int maxHidden,
        @DefaultValue("4") @Min(1) int maxLayers,
        @DefaultValue("512") @Min(2) int maxWindow,
        @DefaultValue("366") @Min(1) int maxHorizon,
        @DefaultValue("1024") @Min(1) int maxBatchSize,
        @DefaultValue("60s") @NotNull Duration retryAfter,
        @DefaultValue("5s") @NotNull Duration shutdownTimeout,
        @DefaultValue("1") @Min(1) int threads) {
}
