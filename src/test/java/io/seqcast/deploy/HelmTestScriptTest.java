package io.seqcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The script of the chart's {@code helm test} pod ({@code helm/seqcast/files/helm-test.sh}) run with bash
 * against this service on loopback, as the pod runs it against the Service: it passes when the service is
 * ready and forecasts, with the API key taken from the Secret's comma-separated list, and fails, saying
 * why, without the key the service asks for, or with nothing listening.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HelmTestScriptTest {

    static final Path SCRIPT = HelmChartTest.CHART.resolve("files/helm-test.sh");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) throws IOException {
        Path registry = Files.createTempDirectory("seqcast-helm-test");
        properties.add("seqcast.registry.directory", () -> registry.resolve("models").toString());
        properties.add("seqcast.security.api-keys", () -> "first-key,second-key");
        properties.add("seqcast.security.protect-forecast", () -> "true");
    }

    @Test
    void passesAgainstAReadyServiceWithTheFirstKeyOfTheSecret() throws Exception {
        Result result = run(Map.of("SEQCAST_HOST", "127.0.0.1", "SEQCAST_PORT", String.valueOf(port),
                "SEQCAST_API_KEYS", "first-key,second-key"));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok   readiness (HTTP/1.1 200", "ok   forecast (HTTP/1.1 200");
    }

    @Test
    void failsWhenTheServiceRefusesTheForecast() throws Exception {
        Result result = run(Map.of("SEQCAST_HOST", "127.0.0.1", "SEQCAST_PORT", String.valueOf(port)));
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("ok   readiness", "FAIL forecast", "401");
    }

    @Test
    void failsWhenNothingListens() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Result result = run(Map.of("SEQCAST_HOST", "127.0.0.1", "SEQCAST_PORT", String.valueOf(closed)));
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("FAIL readiness");
    }

    record Result(int exit, String output) {
    }

    static Result run(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", Files.readString(SCRIPT)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SEQCAST_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
