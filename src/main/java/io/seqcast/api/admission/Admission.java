package io.seqcast.api.admission;

import io.seqcast.forecast.BacktestInput;
import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.ForecastProperties;
import io.seqcast.tensor.Cancellation;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.WorkCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Admits, times and places the work of {@code POST /forecast} and {@code POST /backtest}:
 * <ol>
 * <li>the request's {@link CostClass} is estimated from its parsed parameters ({@link CostEstimator});</li>
 * <li>it takes a slot of its class's budget, waiting at most {@code queue-timeout} behind at most
 *     {@code queue} others, else {@link AdmissionRefusedException} (429 + {@code Retry-After});</li>
 * <li>it runs under a {@link Cancellation} that expires {@code deadline} after admission began; the
 *     work checks it between series, windows and compute tasks, and a request past it ends with
 *     {@link DeadlineExceededException} (503);</li>
 * <li>heavy classes compute on the bulk lane ({@link ComputeContext#lane}, {@code bulk-threads}
 *     threads), cheap ones on the calling thread and the shared pool, so however many large requests
 *     run, they keep at most the bulk lane's threads busy.</li>
 * </ol>
 * A client that disconnects is not noticed by the servlet container until the answer is written; its
 * work ends at the deadline at the latest. Thread-safe.
 */
public final class Admission implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final AdmissionProperties properties;
    private final CostEstimator estimator;
    private final ComputeContext bulk;
    private final Map<CostClass, Budget> budgets = new EnumMap<>(CostClass.class);

    public Admission(AdmissionProperties properties, ForecastProperties forecast, ComputeContext compute) {
        this.properties = properties;
        this.estimator = new CostEstimator(forecast.selection().policy(), properties.smallWork());
        this.bulk = compute.lane(properties.bulkThreads(Runtime.getRuntime().availableProcessors()), "seqcast-bulk");
        for (CostClass c : CostClass.values()) {
            budgets.put(c, new Budget(properties.concurrency(c), properties.queue(c)));
        }
        log.info("Admission control {}: deadline {}, bulk lane of {} thread(s), budgets {}",
                properties.enabled() ? "on" : "off", properties.deadline(), bulk.threads(), budgets);
    }

    /** Runs a forecast's {@code work} as its cost class allows. */
    public <T> T forecast(ForecastInput input, Supplier<T> work) {
        return admit(estimator.forecast(input), work);
    }

    /** Runs a backtest's {@code work} as its cost class allows. */
    public <T> T backtest(BacktestInput input, Supplier<T> work) {
        return admit(estimator.backtest(input), work);
    }

    /** Requests of {@code costClass} running now (for tests and meters). */
    public int running(CostClass costClass) {
        Budget budget = budgets.get(costClass);
        return budget.concurrency - budget.slots.availablePermits();
    }

    <T> T admit(CostClass costClass, Supplier<T> work) {
        if (!properties.enabled()) {
            return work.get();
        }
        Cancellation token = Cancellation.withTimeout(properties.deadline().toNanos());
        Budget budget = budgets.get(costClass);
        long wait = Math.min(properties.queueTimeout().toNanos(), token.remainingNanos());
        if (!budget.enter(wait)) {
            throw new AdmissionRefusedException(costClass, budget.concurrency, properties.retryAfter());
        }
        try {
            return token.run(() -> costClass.heavy() ? bulk.call(work) : work.get());
        } catch (WorkCancelledException e) {
            throw new DeadlineExceededException(costClass, properties.deadline(), properties.retryAfter());
        } finally {
            budget.leave();
        }
    }

    @Override
    public void close() {
        bulk.close();
    }

    /** A class's slots and the count of requests waiting for one. */
    private static final class Budget {
        final int concurrency;
        final int queue;
        final Semaphore slots;
        final AtomicInteger waiting = new AtomicInteger();

        Budget(int concurrency, int queue) {
            this.concurrency = concurrency;
            this.queue = queue;
            this.slots = new Semaphore(concurrency, true);
        }

        /** Takes a slot, waiting up to {@code nanos} when there is room in the queue; {@code false} if none. */
        boolean enter(long nanos) {
            if (slots.tryAcquire()) {
                return true;
            }
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                return false;
            }
            try {
                return slots.tryAcquire(nanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                waiting.decrementAndGet();
            }
        }

        void leave() {
            slots.release();
        }

        @Override
        public String toString() {
            return concurrency + "+" + queue;
        }
    }
}
