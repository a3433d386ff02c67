package io.seqcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import io.seqcast.testing.RequiredService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The container image: built from the repository's Dockerfile (packaging the jar that {@code mvn
 * verify} just built, through {@code --build-arg JAR_FILE}), run hardened the way the Helm chart
 * runs it (read-only root file system, tmpfs /tmp, no capabilities, no new privileges), and asked
 * over HTTP.
 *
 * <p>Base images: {@code SEQCAST_RUNTIME_IMAGE} (and optionally {@code SEQCAST_BUILD_IMAGE}, which
 * defaults to it, since packaging a prebuilt jar needs only a JRE) replace the Dockerfile's public
 * defaults; CI sets them to the images of {@code deploy/docker/build-local-base-images.sh} because
 * its Docker cannot pull. Where no Docker daemon or no docker CLI exists it fails in CI and is reported
 * as skipped elsewhere, with the reason.
 * Runs in {@code verify} (failsafe, after {@code package}):
 * {@code ./mvnw verify -Dtest='io.seqcast.deploy.**' -Dit.test=ContainerImageIT}.
 */
class ContainerImageIT {

    static final String IMAGE = System.getenv().getOrDefault("SEQCAST_TEST_IMAGE", "seqcast:it");
    static final ToStringConsumer LOGS = new ToStringConsumer();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static GenericContainer<?> container;

    /** Why this machine cannot run the test, or null; reported on every test as its skip reason. */
    static String skipReason;

    @BeforeAll
    static void buildAndStartTheImage() throws Exception {
        skipReason = skipReason();
        if (skipReason != null) {
            System.out.println("ContainerImageIT skipped: " + skipReason);
            return;
        }
        Path jar = packagedJar();
        buildImage(jar);

        container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(8080)
                .withTmpFs(Map.of("/tmp", "rw,size=256m,mode=1777"))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withReadonlyRootfs(true)
                        .withCapDrop(Capability.ALL)
                        .withSecurityOpts(List.of("no-new-privileges"))
                        .withMemory(1024L * 1024 * 1024))
                .withLogConsumer(LOGS)
                .waitingFor(Wait.forHttp("/actuator/health/readiness").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        long started = System.nanoTime();
        container.start();
        System.out.printf("container ready in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Fails in CI, skips (reported) elsewhere: see {@link RequiredService}. */
    @BeforeEach
    void skipWhereThisMachineCannotRunIt() {
        RequiredService.require(skipReason, "CI installs and starts Docker in .ci/docker.sh");
    }

    static String skipReason() throws IOException {
        if (!Boolean.getBoolean("seqcast.it")) {
            return "the container image test runs in `mvn verify` (failsafe, after package), not in `mvn test`";
        }
        if ("skip".equals(System.getenv("SEQCAST_CONTAINER_TEST"))) {
            return "SEQCAST_CONTAINER_TEST=skip (set by .ci/docker.sh when no base image could be built)";
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker daemon reachable (CI starts dockerd in .ci/docker.sh)";
        }
        if (!dockerCliWorks()) {
            return "no working docker CLI on the PATH";
        }
        return null;
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void readinessProbeAnswersUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void livenessProbeAnswersUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health/liveness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusEndpointServesJvmAndHttpMetrics() throws Exception {
        get("/actuator/health");
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        // The series the placeholder dashboard and alert rules query.
        assertThat(response.body()).contains("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_info",
                "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "process_cpu_usage");
    }

    /** The bundled default model answers a forecast inside the read-only, unprivileged container. */
    @Test
    void forecastAnswersWithTheBundledDefaultModel() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            values.append(i == 0 ? "" : ",").append(100 + 10 * Math.sin(i * Math.PI / 6) + i);
        }
        String body = "{\"series\":[{\"id\":\"s1\",\"values\":[" + values + "]}],\"horizon\":6}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/forecast"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /forecast: %s", response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"model\":{\"name\":\"default\"", "\"mean\":[");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    }

    @Test
    void imageCarriesTheOciLabels() throws Exception {
        Result labels = run(List.of("docker", "image", "inspect", IMAGE, "--format", "{{json .Config.Labels}}"), Duration.ofSeconds(30));
        assertThat(labels.exitCode).as(labels.output).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(labels.output.strip()).properties())
                .extracting(java.util.Map.Entry::getKey)
                .contains("org.opencontainers.image.title", "org.opencontainers.image.source", "org.opencontainers.image.version",
                        "org.opencontainers.image.revision", "org.opencontainers.image.created", "org.opencontainers.image.base.name");
    }

    @Test
    void runsAsTheUnprivilegedUserOnAReadOnlyRootWithWritableTmpAndModels() throws Exception {
        assertThat(exec("id", "-u").getStdout().strip()).isEqualTo("10001");
        assertThat(exec("touch", "/app/written").getExitCode()).as("root file system is read-only").isNotZero();
        assertThat(exec("touch", "/tmp/written").getExitCode()).as("/tmp is writable").isZero();
        assertThat(exec("touch", "/models/written").getExitCode()).as("/models (volume) is writable").isZero();
    }

    @Test
    void javaToolOptionsEnableTheVectorKernelsAndContainerMemorySizing() throws Exception {
        assertThat(LOGS.toUtf8String())
                .contains("Picked up JAVA_TOOL_OPTIONS: --add-modules=jdk.incubator.vector")
                .containsPattern("Tensor core: vector(-\\d+)? kernels");
        // MaxRAMPercentage=75 of the 1 GiB limit: a heap of about 768 MiB, not a quarter of the host's memory.
        String flags = exec("java", "-XX:+PrintFlagsFinal", "-version").getStdout();
        long maxHeap = flags.lines().filter(l -> l.contains(" MaxHeapSize ")).findFirst()
                .map(l -> Long.parseLong(l.trim().split("\\s+")[3])).orElseThrow();
        assertThat(maxHeap).isBetween(700L << 20, 800L << 20);
    }

    @Test
    void dockerHealthcheckTurnsHealthy() throws Exception {
        String status = "";
        for (int i = 0; i < 60 && !status.equals("healthy"); i++) {
            var state = DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec().getState();
            status = state.getHealth() == null ? "none" : state.getHealth().getStatus();
            if (!status.equals("healthy")) {
                Thread.sleep(1000);
            }
        }
        assertThat(status).isEqualTo("healthy");
    }

    // ---- helpers -------------------------------------------------------------------------------

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(8080) + path);
    }

    static ExecResult exec(String... command) throws IOException, InterruptedException {
        return container.execInContainer(command);
    }

    static Path packagedJar() throws IOException {
        Path target = Path.of("target");
        List<Path> jars;
        try (Stream<Path> files = Files.list(target)) {
            jars = files.filter(p -> p.getFileName().toString().matches("seqcast-.*\\.jar")).toList();
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("Expected one packaged target/seqcast-*.jar, found " + jars);
        }
        return jars.get(0);
    }

    static boolean dockerCliWorks() {
        try {
            return run(List.of("docker", "version", "--format", "{{.Server.Version}}"), Duration.ofSeconds(30)).exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void buildImage(Path jar) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker", "build", "--quiet", "--tag", IMAGE,
                "--build-arg", "JAR_FILE=" + jar.toString().replace('\\', '/')));
        String runtimeImage = System.getenv("SEQCAST_RUNTIME_IMAGE");
        String buildImage = System.getenv().getOrDefault("SEQCAST_BUILD_IMAGE", runtimeImage);
        if (runtimeImage != null && !runtimeImage.isBlank()) {
            command.addAll(List.of("--build-arg", "RUNTIME_IMAGE=" + runtimeImage));
        }
        if (buildImage != null && !buildImage.isBlank()) {
            command.addAll(List.of("--build-arg", "BUILD_IMAGE=" + buildImage));
        }
        command.add(".");
        long started = System.nanoTime();
        Result result = run(command, Duration.ofMinutes(10));
        assertThat(result.exitCode).as("%s%n%s", String.join(" ", command), result.output).isZero();
        System.out.printf("image %s built in %d ms: %s%n", IMAGE,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), String.join(" ", command));
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + timeout);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(-1, "interrupted");
        }
    }
}
