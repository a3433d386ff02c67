package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.observability.ForecastMetrics.Outcome;
import io.seqcast.registry.InvalidModelNameException;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelNotFoundException;
import io.seqcast.registry.TestModels;
import io.seqcast.series.InvalidSeriesException;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class ForecastMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ForecastMetrics metrics = new ForecastMetrics(meters);

    private static LoadedModel model(String name, int version) {
        return new LoadedModel(name, version, TestModels.manifest(), null, Instant.now());
    }

    @Test
    void aServedRequestIsTimedByModelVersionAndOutcomeWithItsSeriesCount() {
        Timer.Sample sample = metrics.start();
        metrics.record(sample, model("sales", 3), Outcome.OK, 12);

        Timer timer = meters.get("seqcast.forecast.requests").tag("model", "sales").tag("version", "3")
                .tag("outcome", "ok").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(meters.get("seqcast.forecast.series").tag("model", "sales").tag("outcome", "ok")
                .summary().totalAmount()).isEqualTo(12);
    }

    @Test
    void theRequestTimerHasTheSloBoundariesAmongItsHistogramBuckets() {
        metrics.record(metrics.start(), model("sales", 1), Outcome.OK, 1);
        CountAtBucket[] buckets = meters.get("seqcast.forecast.requests").timer().takeSnapshot().histogramCounts();
        double[] boundsMillis = Arrays.stream(buckets).mapToDouble(b -> b.bucket(java.util.concurrent.TimeUnit.MILLISECONDS)).toArray();
        // The simple registry keeps only the SLO buckets; Prometheus adds the percentile histogram's
        // (PrometheusScrapeTest queries them).
        assertThat(boundsMillis).contains(10.0, 50.0, 100.0, 250.0, 1000.0);
    }

    @Test
    void aRequestWithoutAResolvedModelIsTaggedUnknownNeverWithTheRequestedName() {
        metrics.record(metrics.start(), null, Outcome.NOT_FOUND, 2);
        metrics.recordAuto(metrics.start(), Outcome.OK, 5);

        assertThat(meters.get("seqcast.forecast.requests").tag("model", "unknown").tag("version", "none")
                .tag("outcome", "not_found").timer().count()).isEqualTo(1);
        assertThat(meters.get("seqcast.forecast.requests").tag("model", "auto").tag("version", "none")
                .tag("outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("model")).isIn("unknown", "auto"));
    }

    @Test
    void outcomesFollowTheStatusAndTheException() {
        assertThat(Outcome.ofStatus(200)).isEqualTo(Outcome.OK);
        assertThat(Outcome.ofStatus(400)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.ofStatus(413)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.ofStatus(404)).isEqualTo(Outcome.NOT_FOUND);
        assertThat(Outcome.ofStatus(503)).isEqualTo(Outcome.SERVER_ERROR);
        assertThat(Outcome.of(new ModelNotFoundException("no model named 'x'"))).isEqualTo(Outcome.NOT_FOUND);
        assertThat(Outcome.of(new InvalidModelNameException("bad"))).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(new InvalidSeriesException("s", "bad"))).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT))).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(new IllegalStateException("bug"))).isEqualTo(Outcome.SERVER_ERROR);
        // Exceptions that carry their status are counted by it, as the client saw it: no list to keep.
        assertThat(Outcome.of(new io.seqcast.forecast.ForecastLimitException("levels", "too many")))
                .isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(new io.seqcast.forecast.UnforecastableSeriesException("s", "overflow")))
                .isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(new io.seqcast.input.ProblemException(null, "a dependency is down") {
            @Override
            public int status() {
                return 503;
            }

            @Override
            public String title() {
                return "Unavailable";
            }

            @Override
            protected String typeName() {
                return "unavailable";
            }
        })).isEqualTo(Outcome.SERVER_ERROR);
        assertThat(Outcome.SERVER_ERROR.tag()).isEqualTo("server_error");
    }
}
