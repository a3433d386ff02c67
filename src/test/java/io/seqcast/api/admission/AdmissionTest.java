package io.seqcast.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.forecast.BacktestInput;
import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.ForecastProperties;
import io.seqcast.tensor.Cancellation;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.tensor.WorkCancelledException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Cost classes, budgets, the 429 beyond them and the deadline. */
class AdmissionTest {

    private final ComputeContext compute = new ComputeContext(KernelsProvider.select("scalar"), 2);
    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private Admission admission;

    @AfterEach
    void close() {
        callers.shutdownNow();
        if (admission != null) {
            admission.close();
        }
        compute.close();
    }

    private Admission admission(Duration deadline, int selectionConcurrency, int selectionQueue) {
        AdmissionProperties properties = new AdmissionProperties(true, deadline, Duration.ofMillis(200),
                Duration.ofSeconds(3), 20_000, 1, new AdmissionProperties.Budget(null, null),
                new AdmissionProperties.Budget(selectionConcurrency, selectionQueue),
                new AdmissionProperties.Budget(null, null), new AdmissionProperties.Budget(null, null),
                new AdmissionProperties.Intake(100, Duration.ofSeconds(10),
                        org.springframework.util.unit.DataSize.ofKilobytes(256), 4));
        admission = new Admission(properties, forecastProperties(), compute);
        return admission;
    }

    private static ForecastProperties forecastProperties() {
        return new ForecastProperties("default", 1000, 100_000, 1_000_000, 10, 2_000_000, 1000,
                org.springframework.util.unit.DataSize.ofMegabytes(16),
                false, "pad", List.of(80.0, 95.0), new ForecastProperties.Selection("best", 40, 20_000, List.of()),
                new ForecastProperties.Auto(Duration.ofSeconds(2), false, 32, 200, 20),
                new ForecastProperties.Backtest(3, 50, 10, 2000, Duration.ofSeconds(10)));
    }

    private static ForecastInput forecast(int series, int points, String model, String selection) {
        List<ForecastInput.SeriesInput> list = new java.util.ArrayList<>();
        for (int i = 0; i < series; i++) {
            list.add(new ForecastInput.SeriesInput("s" + i, new double[points], null, null));
        }
        return new ForecastInput(model, 12, null, null, list, selection);
    }

    @Test
    void costClassesComeFromSeriesPointsSelectionAutoAndBacktest() {
        CostEstimator estimator = new CostEstimator("best", 20_000);
        assertThat(estimator.forecast(forecast(10, 500, null, null))).isEqualTo(CostClass.CHEAP);
        assertThat(estimator.forecast(forecast(1000, 500, null, null))).isEqualTo(CostClass.SELECTION);
        // Points beyond the 1,000 the statistical fits see do not add work.
        assertThat(estimator.forecast(forecast(20, 50_000, null, "model"))).isEqualTo(CostClass.CHEAP);
        assertThat(estimator.forecast(forecast(1000, 500, null, "off"))).isEqualTo(CostClass.CHEAP);
        assertThat(estimator.forecast(forecast(1, 50, " auto ", null))).isEqualTo(CostClass.AUTO);
        assertThat(estimator.backtest(new BacktestInput(null, 12, 3, null, null, null, List.of()))).isEqualTo(CostClass.BACKTEST);
        assertThat(estimator.backtest(new BacktestInput("auto", 12, 3, null, null, null, List.of()))).isEqualTo(CostClass.AUTO);
        assertThat(new CostEstimator("off", 20_000).forecast(forecast(1000, 1000, null, null))).isEqualTo(CostClass.CHEAP);
    }

    /** Finding: no admission control; the second large request now gets a 429 with Retry-After instead of waiting. */
    @Test
    void aRequestBeyondItsClassBudgetAndQueueIsRefusedWith429AndRetryAfter() throws Exception {
        Admission admission = admission(Duration.ofSeconds(30), 1, 0);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> admission.forecast(forecast(1000, 500, null, null), () -> {
            running.countDown();
            await(release);
            return "first";
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(admission.running(CostClass.SELECTION)).isEqualTo(1);

        assertThatThrownBy(() -> admission.forecast(forecast(1000, 500, null, null), () -> "second"))
                .isInstanceOfSatisfying(AdmissionRefusedException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
                    assertThat(e.getBody().getTitle()).isEqualTo("Too many requests");
                    assertThat(e.costClass()).isEqualTo(CostClass.SELECTION);
                });
        // A cheap request has its own budget: admitted while the selection slot is taken.
        assertThat(admission.forecast(forecast(2, 100, null, null), () -> "cheap")).isEqualTo("cheap");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(admission.forecast(forecast(1000, 500, null, null), () -> "third")).isEqualTo("third");
    }

    @Test
    void aQueuedRequestTakesTheSlotWhenItFreesWithinTheQueueTimeout() throws Exception {
        Admission admission = admission(Duration.ofSeconds(30), 1, 1);
        CountDownLatch running = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> admission.forecast(forecast(1000, 500, null, null), () -> {
            running.countDown();
            sleep(50);
            return "first";
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        // Waits (the queue holds one) and runs once the first is done, within the 200 ms queue timeout.
        assertThat(admission.forecast(forecast(1000, 500, null, null), () -> "queued")).isEqualTo("queued");
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    }

    /** Finding: work continued with no deadline; now it stops at its next check and the client gets a 503. */
    @Test
    void workPastTheDeadlineStopsAndIsAnsweredWith503() {
        Admission admission = admission(Duration.ofMillis(100), 2, 0);
        AtomicBoolean stopped = new AtomicBoolean();
        long[] checks = new long[1];
        assertThatThrownBy(() -> admission.forecast(forecast(1000, 500, null, null), () -> {
            try {
                while (true) { // stands for series after series: each checks the request's token
                    Cancellation.checkCurrent();
                    checks[0]++;
                    sleep(1);
                }
            } catch (WorkCancelledException e) {
                stopped.set(true);
                throw e;
            }
        })).isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.getBody().getTitle()).isEqualTo("Deadline exceeded");
            assertThat(e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        });
        // Stopped at one of its checks, or (on a loaded machine, past the deadline before the bulk lane took
        // it) never started at all.
        assertThat(stopped.get() || checks[0] == 0).as("stopped %s after %d checks", stopped, checks[0]).isTrue();
        assertThat(admission.running(CostClass.SELECTION)).isZero();
    }

    @Test
    void heavyClassesComputeOnTheBulkLaneAndCheapOnesOnTheCaller() {
        Admission admission = admission(Duration.ofSeconds(30), 2, 0);
        String caller = Thread.currentThread().getName();
        assertThat(admission.forecast(forecast(1000, 500, null, null), () -> Thread.currentThread().getName()))
                .startsWith("seqcast-bulk-");
        assertThat(admission.forecast(forecast(1, 100, null, null), () -> Thread.currentThread().getName()))
                .isEqualTo(caller);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
