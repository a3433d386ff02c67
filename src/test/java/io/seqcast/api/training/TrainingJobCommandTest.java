package io.seqcast.api.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.training.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The retrain Job's mode: started with {@code seqcast.job=train} and no web server, the application
 * trains from a request file, registers the new version into the registry and exits 0.
 */
@SpringBootTest(properties = {"seqcast.job=train", "spring.main.web-application-type=none",
        "seqcast.train.model=retrained"})
class TrainingJobCommandTest {

    static final List<Integer> EXITS = new ArrayList<>();

    @TestConfiguration
    static class CaptureExit {
        @Bean
        TrainingJobCommand.Exit exit() {
            return EXITS::add;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("seqcast-train-command");
        Path data = dir.resolve("request.json");
        Files.writeString(data, TrainingJobsControllerTest.body(
                TrainingJobsControllerTest.series(Datasets.head(Datasets.load("AirPassengers"), 120)),
                TrainingJobsControllerTest.quick(3)));
        registry.add("seqcast.registry.directory", () -> dir.resolve("models").toString());
        registry.add("seqcast.train.data", data::toString);
    }

    @Autowired
    ModelRegistry registry;

    @Autowired
    TrainingJobCommand command;

    @Test
    void trainsRegistersAndExitsZero() {
        assertThat(EXITS).containsExactly(0);
        assertThat(registry.resolve(ModelReference.parse("retrained")).version()).isEqualTo(1);
    }

    @Test
    void aMissingDataFileOrARefusedRequestExitsOne() throws IOException {
        assertThat(command.train("retrained", "/no/such/file.json", java.time.Duration.ofMinutes(1))).isEqualTo(1);
        Path bad = Files.createTempFile("seqcast-bad-request", ".json");
        Files.writeString(bad, "{\"series\": [{\"id\": \"a\", \"values\": [1, \"two\"]}], \"horizon\": 1}");
        assertThat(command.train("retrained", bad.toString(), java.time.Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(command.train(null, bad.toString(), java.time.Duration.ofMinutes(1))).isEqualTo(1);
    }
}
