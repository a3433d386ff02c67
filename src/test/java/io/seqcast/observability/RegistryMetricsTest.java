package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.registry.DefaultModelRegistry;
import io.seqcast.registry.FileSystemModelStore;
import io.seqcast.registry.InvalidModelException;
import io.seqcast.registry.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryMetricsTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void loadsAreCountedAndTimedByOutcomeAndTheServingVersionFollowsPromotes() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir), new RegistryMetrics(meters));
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        assertThat(servingVersion("sales")).isEqualTo(2);

        assertThatThrownBy(() -> registry.register("sales", TestModels.overflowingWeights(), TestModels.manifest()))
                .isInstanceOf(InvalidModelException.class);
        registry.setAlias("sales", "production", 1); // version 1 is no longer hot: loaded again

        assertThat(servingVersion("sales")).isEqualTo(1);
        assertThat(meters.get("seqcast.registry.loads").tag("model", "sales").tag("outcome", "ok").counter().count())
                .isEqualTo(3);
        assertThat(meters.get("seqcast.registry.loads").tag("model", "sales").tag("outcome", "rejected").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("seqcast.registry.load.duration").tag("model", "sales").tag("outcome", "ok").timer().count())
                .isEqualTo(3);
    }

    @Test
    void theServingGaugeGoesAwayWithTheModel() {
        RegistryMetrics metrics = new RegistryMetrics(meters);
        metrics.servingChanged("sales", 0, 4);
        assertThat(servingVersion("sales")).isEqualTo(4);
        metrics.servingChanged("sales", 4, 0);
        assertThat(meters.find("seqcast.model.serving.version").gauges()).isEmpty();
        metrics.servingChanged("sales", 0, 1);
        assertThat(servingVersion("sales")).isEqualTo(1);
    }

    private double servingVersion(String model) {
        return meters.get("seqcast.model.serving.version").tag("model", model).gauge().value();
    }
}
