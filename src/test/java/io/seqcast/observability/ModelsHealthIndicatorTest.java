package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.registry.DefaultModelRegistry;
import io.seqcast.registry.FileSystemModelStore;
import io.seqcast.registry.RequiredModels;
import io.seqcast.registry.TestModels;
import java.nio.file.Files;
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

    @Test
    void downWhenARequiredModelsProductionVersionCannotBeServedAndTheFaultIsListed() throws Exception {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        DefaultModelRegistry writer = TestModels.registry(store);
        writer.register("sales", TestModels.weights(), TestModels.manifest());
        writer.register("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());
        writer.setAlias("sales", "production", 1);
        Path weights = dir.resolve("sales/1/model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 3] ^= 0x5a;
        Files.write(weights, bytes);

        DefaultModelRegistry restarted = TestModels.registry(store);
        restarted.refresh();
        ModelsHealthIndicator health = new ModelsHealthIndicator(restarted, new RequiredModels(List.of("sales"), () -> true));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        health.bindTo(meters);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("missing", List.of("sales"));
        assertThat(health.health().getDetails().get("problems")).asString().contains("sales").contains("version 1");
        assertThat(meters.get("seqcast.models.problems").gauge().value()).isEqualTo(1);
        assertThat(meters.get("seqcast.models.ready").gauge().value()).isZero();
    }
}
