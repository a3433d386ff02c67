package io.seqcast.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code auto} chooses the width by timing the candidates (each in a JVM of its own), keeps the
 * fastest and logs the timings; a named backend is taken as named. Asserts the choice, not speed.
 */
class WidthMeasurementTest {

    private static final List<String> CANDIDATES = List.of("scalar", "vector-256", "vector-512");

    @Test
    void everyCandidateIsTimedAndTheFastestChosen() {
        WidthMeasurement.Result result = WidthMeasurement.measure(CANDIDATES, 60);

        assertThat(result.note()).isEmpty();
        assertThat(result.micros()).containsOnlyKeys(CANDIDATES);
        assertThat(result.micros().values()).allSatisfy(us -> assertThat(us).isPositive().isFinite());
        double fastest = result.micros().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(result.micros().get(result.chosen())).isEqualTo(fastest);
    }

    @Test
    void autoTakesTheMeasuredWidthAndLogsTheTimings() {
        Logger logger = (Logger) LoggerFactory.getLogger(KernelsProvider.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Kernels auto = KernelsProvider.select("auto");

            WidthMeasurement.Result result = WidthMeasurement.measured(CANDIDATES, KernelsProvider.PROBE_MILLIS);
            assertThat(auto.name()).isEqualTo(result.chosen());
            assertThat(appender.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .contains("Tensor kernels: " + result.chosen() + " (auto: the fastest")
                    .contains(result.micros().toString()));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aNamedBackendOverridesTheMeasurement() {
        assertThat(KernelsProvider.select("scalar")).isSameAs(ScalarKernels.INSTANCE);
        assertThat(KernelsProvider.select("vector-512").name()).isEqualTo("vector-512");
        assertThat(KernelsProvider.select("vector-256").name()).isEqualTo("vector-256");
    }
}
