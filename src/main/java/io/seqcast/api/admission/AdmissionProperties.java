package io.seqcast.api.admission;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Admission control of {@code POST /forecast} and {@code POST /backtest} (docs/configuration.md).
 *
 * @param enabled {@code false}: every request is admitted at once and runs without deadline (tests,
 *     benchmarks of the bare engine)
 * @param deadline wall-clock time a request may take from admission (its wait in the queue included);
 *     past it the work stops at its next check (between series, windows, training shards) and the
 *     client gets a 503 problem
 * @param queueTimeout longest wait for a free slot of the request's cost class; then 429
 * @param retryAfter the {@code Retry-After} of a 429 and of a 503 past the deadline
 * @param smallWork the most series x points (each series counted up to 1,000 points) of a forecast with
 *     selection that still counts as cheap; above it the forecast is selection work
 * @param bulkThreads threads of the bulk lane on which selection, auto and backtest requests compute,
 *     apart from the shared compute pool that cheap forecasts use; 0 means one fewer than the cores
 *     (at least 1), so a flood of large requests leaves a core to the small ones
 * @param cheap budget of cheap forecasts
 * @param selection budget of selection work
 * @param auto budget of {@code "model": "auto"} (forecasts and backtests)
 * @param backtest budget of backtests
 * @param intake limits of requests with a body before their cost is known
 */
@Validated
@ConfigurationProperties("seqcast.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") @NotNull Duration deadline,
        @DefaultValue("1s") @NotNull Duration queueTimeout,
        @DefaultValue("2s") @NotNull Duration retryAfter,
        @DefaultValue("20000") @Min(0) long smallWork,
        @DefaultValue("0") @Min(0) int bulkThreads,
        @DefaultValue @Valid @NotNull Budget cheap,
        @DefaultValue @Valid @NotNull Budget selection,
        @DefaultValue @Valid @NotNull Budget auto,
        @DefaultValue @Valid @NotNull Budget backtest,
        @DefaultValue @Valid @NotNull Intake intake) {

    /**
     * Requests with a body on {@code /forecast}, {@code /backtest} and {@code /training-jobs}.
     *
     * @param concurrency such requests in flight at once (reading the body, queued or computing); one more
     *     gets a 503 at once. Keep it well under {@code server.tomcat.threads.max}: the difference is what
     *     health checks and other requests keep when slow clients hold every slot
     * @param bodyTimeout the most time a body may take to arrive, from its first read (more: 408)
     * @param largeBody a POST body over this size (or of unknown length) is large
     * @param largeConcurrency large bodies in flight at once; one more gets a 429 before its body is read
     *     (parsing costs CPU that small requests need)
     */
    public record Intake(@DefaultValue("100") @Min(1) int concurrency,
                         @DefaultValue("10s") @NotNull Duration bodyTimeout,
                         @DefaultValue("256KB") @NotNull DataSize largeBody,
                         @DefaultValue("4") @Min(1) int largeConcurrency) {
    }

    /**
     * A cost class's budget; an unset value takes the class's default ({@link CostClass#defaultConcurrency},
     * {@link CostClass#defaultQueue}).
     *
     * @param concurrency requests of the class that run at once
     * @param queue requests that may wait for a slot (at most {@code queue-timeout}); one more gets a 429
     */
    public record Budget(@Min(1) Integer concurrency, @Min(0) Integer queue) {
    }

    /** The concurrency of {@code costClass}, its default when unset. */
    int concurrency(CostClass costClass) {
        Integer configured = budget(costClass).concurrency();
        return configured != null ? configured : costClass.defaultConcurrency();
    }

    /** The queue of {@code costClass}, its default when unset. */
    int queue(CostClass costClass) {
        Integer configured = budget(costClass).queue();
        return configured != null ? configured : costClass.defaultQueue();
    }

    private Budget budget(CostClass costClass) {
        return switch (costClass) {
            case CHEAP -> cheap;
            case SELECTION -> selection;
            case AUTO -> auto;
            case BACKTEST -> backtest;
        };
    }

    /** {@link #bulkThreads} with 0 resolved against {@code cores}. */
    int bulkThreads(int cores) {
        return bulkThreads > 0 ? bulkThreads : Math.max(1, cores - 1);
    }
}
