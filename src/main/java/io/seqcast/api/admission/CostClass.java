package io.seqcast.api.admission;

/**
 * What a request costs, estimated from its parsed parameters before any work ({@link CostEstimator}).
 * Each class has its own concurrency budget ({@link AdmissionProperties}); the heavy ones compute on the
 * bulk lane, apart from the shared compute pool.
 */
public enum CostClass {

    /** A model forecast with little or no selection work: milliseconds. Runs on the shared pool. */
    CHEAP(false, 32, 64),
    /** Rolling-origin selection (statistical fits per series and origin) over many points: seconds. */
    SELECTION(true, 2, 4),
    /** {@code "model": "auto"}: a network fitted on the request's series within a time budget. */
    AUTO(true, 1, 2),
    /** {@code POST /backtest}: the forecast's work once per window. */
    BACKTEST(true, 1, 2);

    private final boolean heavy;
    private final int defaultConcurrency;
    private final int defaultQueue;

    CostClass(boolean heavy, int defaultConcurrency, int defaultQueue) {
        this.heavy = heavy;
        this.defaultConcurrency = defaultConcurrency;
        this.defaultQueue = defaultQueue;
    }

    /** Requests of the class that run at once unless {@code seqcast.admission.<class>.concurrency} says otherwise. */
    public int defaultConcurrency() {
        return defaultConcurrency;
    }

    /** Requests of the class that may wait unless {@code seqcast.admission.<class>.queue} says otherwise. */
    public int defaultQueue() {
        return defaultQueue;
    }

    /** Whether its work runs on the bulk lane. */
    public boolean heavy() {
        return heavy;
    }

    /** The name in problem details and metrics: {@code cheap}, {@code selection}, {@code auto}, {@code backtest}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
