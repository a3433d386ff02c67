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
        assertThat(computeContext.kernels().name()).isEqualTo("vector-256");
        assertThat(computeContext.trainingKernels().name()).isEqualTo("vector-512");
        assertThat(computeContext.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
