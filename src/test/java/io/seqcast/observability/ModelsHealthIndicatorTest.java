package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.registry.DefaultModelRegistry;
import io.seqcast.registry.FileSystemModelStore;
import io.seqcast.registry.RequiredModels;
import io.seqcast.registry.TestModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

class ModelsHealthIndicatorTest {

    @TempDir
    Path dir;

    @Test
    void downUntilEveryRequiredModelServesThenUp() {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        ModelsHealthIndicator health = new ModelsHealthIndicator(registry,
                new RequiredModels(List.of("default", "sales"), () -> true));

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        health.bindTo(meters);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("missing", List.of("default", "sales"));
        assertThat(meters.get("seqcast.models.ready").gauge().value()).isZero();

        registry.register("default", TestModels.weights(), TestModels.manifest());
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        registry.register("sales", TestModels.weights(), TestModels.manifest());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("serving", List.of("default@1", "sales@1"));
        assertThat(meters.get("seqcast.models.ready").gauge().value()).isEqualTo(1);
    }
}
