package io.seqcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.tensor.ComputeContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The wiring: the service starts, the tensor core is up, the probes and metrics answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SeqcastApplicationTests {

    @LocalServerPort
    int port;

    @Autowired
    ComputeContext computeContext;

    private RestClient client() {
        return RestClient.create("http://localhost:" + port);
    }

    @Test
    void readinessProbeAnswersUp() {
        String body = client().get().uri("/actuator/health/readiness").retrieve().body(String.class);
        assertThat(body).contains("\"status\":\"UP\"");
    }

    @Test
    void livenessProbeAnswersUp() {
        String body = client().get().uri("/actuator/health/liveness").retrieve().body(String.class);
        assertThat(body).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusEndpointIsExposed() {
        String body = client().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(body).contains("jvm_memory_used_bytes");
    }

    @Test
    void onlyTheAgreedActuatorEndpointsAreExposed() {
        String body = client().get().uri("/actuator").retrieve().body(String.class);
        assertThat(body).contains("health", "prometheus", "metrics", "info").doesNotContain("env", "beans", "heapdump");
    }

    @Test
    void tensorCoreUsesTheVectorKernelsWhenTheModuleIsPresent() {
        // auto: the width measured fastest at start-up (256- or 512-bit, depending on the CPU)
        assertThat(computeContext.kernels().name()).isIn("vector-256", "vector-512");
        // one width per JVM: a second vector width makes C2 box vectors (docs/benchmarks.md)
        assertThat(computeContext.trainingKernels().name()).isEqualTo(computeContext.kernels().name());
        assertThat(computeContext.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
