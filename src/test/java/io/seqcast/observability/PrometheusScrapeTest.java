package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.seqcast.deploy.ChartMonitoring;
import io.seqcast.observability.ForecastMetrics.Outcome;
import io.seqcast.registry.InferenceObserver;
import io.seqcast.registry.InvalidModelException;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.registry.TestModels;
import io.seqcast.tensor.ComputeContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import io.seqcast.testing.RequiredService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard and the alert rules against a real Prometheus (2.42, the Debian package; {@code .ci/run}
 * installs it): Prometheus scrapes this service on loopback every second twice, as docker-compose's job
 * {@code seqcast} and as Prometheus Operator scrapes the Helm chart's ServiceMonitor for a renamed release
 * (the same target relabelled with the job, namespace, service and endpoint labels the operator sets, see
 * {@link ChartMonitoring}; plus a second target of that job that is down). It loads docker-compose's rules
 * and the chart's rendered PrometheusRule. The test drives traffic, then:
 * <ul>
 * <li>every template variable of {@code deploy/grafana/dashboards/seqcast.json} resolves to values, and
 * every target of every panel returns data over the test's time range (what a Grafana time-series panel
 * asks for), with the variables at "All" and at the first value of {@code job} and {@code instance};</li>
 * <li>every rule of both rule files loads and evaluates, and every series selector in them selects series
 * of this service (none matches nothing; {@code status=~"5.."} is checked without its status matcher, a 5xx
 * cannot be provoked over HTTP);</li>
 * <li>the down target puts {@code SeqcastInstanceDown} of the chart's rules in pending state with the
 * release's labels, while {@code SeqcastTargetMissing} stays quiet.</li>
 * </ul>
 * Without a {@code prometheus} binary it fails in CI and is reported as skipped elsewhere
 * ({@link RequiredService}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusScrapeTest {

    static final String KEY = "prometheus-test-key";
    static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/seqcast.json");
    static final Path ALERTS = Path.of("deploy/prometheus/alerts.yml");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    static final Pattern VARIABLE_QUERY = Pattern.compile("label_values\\((.*), *(\\w+)\\)");

    static Path work;
    static ChartMonitoring chart;
    static Process prometheus;
    static String prometheusUrl;

    @LocalServerPort
    int port;
    @Autowired
    ForecastMetrics forecastMetrics;
    @Autowired
    InferenceObserver inference;
    @Autowired
    ModelRegistry registry;
    @Autowired
    ComputeContext compute;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) throws IOException {
        work = Files.createTempDirectory("seqcast-prometheus-test");
        properties.add("seqcast.registry.directory", () -> work.resolve("models").toString());
        properties.add("seqcast.security.api-keys", () -> KEY);
    }

    @BeforeEach
    void prometheusIsInstalled() {
        RequiredService.require(executable("prometheus") == null ? "no prometheus binary on the PATH" : null,
                "apt-get install prometheus; .ci/prometheus.sh installs it");
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void everyDashboardAndAlertExpressionEvaluatesAndEveryPanelHasData() throws Exception {
        // Every meter exists before the first scrape, so that rate() and increase() see the traffic after it.
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        driveForecastTraffic();
        driveHttpTraffic();
        startPrometheus();
        await("the seqcast target is up", () -> hasData(query("up{job=\"seqcast\"} == 1")));
        Instant from = Instant.now();

        String job = submitTrainingJob();
        Thread.sleep(2_000); // the dead target's up == 0 over two evaluations

        driveHttpTraffic();
        driveRegistryTraffic();
        driveForecastTraffic();
        await("training loss scraped", () -> hasData(query("seqcast_training_loss")));
        cancel(job);
        Thread.sleep(3_000); // a few more scrapes, so rate() over 1m has two points everywhere

        List<String> failures = new ArrayList<>();
        Map<String, List<String>> dashboard = dashboardExpressions();
        Map<String, String> all = Map.of("job", ".*", "instance", ".*", "model", ".*");
        Map<String, String> firstValues = resolveVariables(failures);
        // model stays "All": the model panels differ per model (the training loss exists for the trained model only).
        firstValues.put("model", ".*");
        for (Map<String, String> variables : List.of(all, firstValues)) {
            for (Map.Entry<String, List<String>> panel : dashboard.entrySet()) {
                for (String expr : panel.getValue()) {
                    String promql = grafanaToPromQL(expr, variables);
                    JsonNode instant = query(promql);
                    if (!"success".equals(instant.path("status").asText())) {
                        failures.add("panel '" + panel.getKey() + "': " + promql + " -> " + instant);
                        continue;
                    }
                    JsonNode range = queryRange(promql, from.minusSeconds(5), Instant.now());
                    if (!"success".equals(range.path("status").asText()) || !hasData(range)) {
                        failures.add("panel '" + panel.getKey() + "' has no data: " + promql + " -> " + range);
                    }
                }
            }
        }
        List<String> rules = new ArrayList<>(alertExpressions());
        rules.addAll(ChartMonitoring.expressions(chart.rulesFile));
        for (String expr : rules) {
            JsonNode result = query(expr);
            if (!"success".equals(result.path("status").asText())) {
                failures.add("alert expression " + expr + " -> " + result);
            }
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                String matchers = selector.group(2).replaceAll(",? *status=~\"5\\.\\.\"", "");
                String promql = selector.group(1) + "{" + matchers + "}";
                if (!hasData(query(promql))) {
                    failures.add("alert selector " + promql + " selects nothing (in " + expr.strip() + ")");
                }
            }
        }
        JsonNode ruleGroups = api("/api/v1/rules");
        ruleGroups.path("data").path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (!"ok".equals(rule.path("health").asText())) {
                failures.add("rule " + rule.path("name").asText() + " in " + group.path("file").asText() + ": " + rule);
            }
        }));
        assertThat(ruleGroups.path("data").path("groups")).as("compose's and the chart's rule files are loaded").hasSize(2);
        String release = chart.targetLabels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(java.util.stream.Collectors.joining(", "));
        await("the chart's SeqcastInstanceDown is pending for the down target",
                () -> hasData(query("ALERTS{alertname=\"SeqcastInstanceDown\", alertstate=\"pending\", " + release + "}")));
        assertThat(hasData(query("ALERTS{alertname=\"SeqcastTargetMissing\"}"))).as("a target is scraped: nothing is missing").isFalse();
        Path scrape = work.resolve("scrape.txt");
        Files.writeString(scrape, get("/actuator/prometheus", false).body());
        assertThat(dashboard).hasSizeGreaterThanOrEqualTo(20);
        assertThat(failures).as("the service's last scrape is in %s", scrape).isEmpty();
    }

    // ------------------------------------------------------------------------------------------
    // Traffic

    /**
     * Real {@code POST /forecast} requests on the bundled default model (batches of 1 to 4 series), a
     * bad one (400) and an unknown model (404): the request timer, the series summary and the
     * tensor-core inference timer all get data through the production path.
     */
    void driveForecastTraffic() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int t = 0; t < 60; t++) {
            values.append(t == 0 ? "" : ",").append(100 + 10 * Math.sin(t * 2 * Math.PI / 12) + 0.5 * t);
        }
        for (int request = 0; request < 10; request++) {
            List<String> series = new ArrayList<>();
            for (int i = 0; i <= request % 4; i++) {
                series.add("{\"id\": \"s" + i + "\", \"values\": [" + values + "]}");
            }
            String body = "{\"horizon\": 6, \"frequency\": \"M\", \"levels\": [80, 95], \"series\": ["
                    + String.join(",", series) + "]}";
            HttpResponse<String> response = post("/forecast", body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        assertThat(post("/forecast", "{\"horizon\": 0, \"series\": [{\"id\": \"a\", \"values\": [1, 2, 3]}]}")
                .statusCode()).isEqualTo(400);
        assertThat(post("/forecast", "{\"model\": \"no-such-model\", \"horizon\": 3, \"series\": "
                + "[{\"id\": \"a\", \"values\": [1, 2, 3]}]}").statusCode()).isEqualTo(404);
        // An auto-fitted model (a short budget keeps the test quick) and a failure the server owns
        // cannot be provoked over HTTP; record one of each through the same bean so their panels have data.
        forecastMetrics.recordAuto(forecastMetrics.start(), Outcome.OK, 1);
        forecastMetrics.record(forecastMetrics.start(), registry.resolve(ModelReference.parse("default")),
                Outcome.SERVER_ERROR, 1);
    }

    void driveHttpTraffic() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(get("/models", false).statusCode()).isEqualTo(200);
            assertThat(get("/models/default/versions", false).statusCode()).isEqualTo(200);
            assertThat(get("/models/no-such-model", false).statusCode()).isEqualTo(404);
            assertThat(get("/training-jobs", true).statusCode()).isEqualTo(200);
        }
    }

    /** A second version of {@code sales} (a swap, a load) and a version refused by validation. */
    void driveRegistryTraffic() {
        registry.register("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());
        assertThatThrownBy(() -> registry.register("sales", TestModels.overflowingWeights(), TestModels.manifest()))
                .isInstanceOf(InvalidModelException.class);
    }

    /** A job long enough to be scraped while it runs (it is cancelled once its loss is in Prometheus). */
    String submitTrainingJob() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int t = 0; t < 200; t++) {
            values.append(t == 0 ? "" : ",").append(10 + Math.sin(t * 2 * Math.PI / 12) + 0.01 * t);
        }
        String body = "{\"series\": [{\"id\": \"s1\", \"values\": [" + values + "]}], \"horizon\": 4,"
                + " \"config\": {\"hidden\": 8, \"window\": 24, \"epochs\": 1000, \"patience\": 1000, \"seed\": 1}}";
        HttpResponse<String> response = HTTP.send(request("/models/trained/training-jobs", true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    void cancel(String job) throws Exception {
        HTTP.send(request("/training-jobs/" + job, true).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(request(path, false).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, boolean key) throws Exception {
        return HTTP.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, boolean key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        return key ? builder.header("X-API-Key", KEY) : builder;
    }

    // ------------------------------------------------------------------------------------------
    // The dashboard and the rules

    /** Panel title -> its targets' expressions, every panel but the rows. */
    static Map<String, List<String>> dashboardExpressions() throws IOException {
        Map<String, List<String>> panels = new LinkedHashMap<>();
        for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            List<String> exprs = new ArrayList<>();
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            assertThat(exprs).as("targets of panel '%s'", panel.path("title").asText()).isNotEmpty().doesNotContain("");
            panels.put(panel.path("title").asText(), exprs);
        }
        return panels;
    }

    static List<String> alertExpressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(ALERTS.toFile()).path("groups")) {
            group.path("rules").forEach(rule -> exprs.add(rule.path("expr").asText()));
        }
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(7);
        return exprs;
    }

    /** Grafana's substitution: the variables' values (regexes) and a 1m rate interval. */
    static String grafanaToPromQL(String expr, Map<String, String> variables) {
        String promql = expr.replace("$__rate_interval", "1m");
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            promql = promql.replace("$" + variable.getKey(), variable.getValue());
        }
        return promql;
    }

    /**
     * Each query variable's {@code label_values(selector, label)} through Prometheus' label values API, in
     * dashboard order (a later one may use an earlier one's value, as {@code instance} uses {@code $job}): it
     * must give values; the first becomes the variable's value (regex-escaped, as Grafana does).
     */
    static Map<String, String> resolveVariables(List<String> failures) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode variable : JSON.readTree(DASHBOARD.toFile()).path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            Matcher query = VARIABLE_QUERY.matcher(variable.path("definition").asText());
            assertThat(query.matches()).as("variable %s", variable.path("name").asText()).isTrue();
            String selector = grafanaToPromQL(query.group(1), values);
            JsonNode answer = api("/api/v1/label/" + query.group(2) + "/values?match[]="
                    + URLEncoder.encode(selector, StandardCharsets.UTF_8));
            JsonNode data = answer.path("data");
            if (!data.isArray() || data.isEmpty()) {
                failures.add("variable " + variable.path("name").asText() + " has no values: " + selector + " -> " + answer);
                continue;
            }
            // Regex-escaped inside a PromQL string: 127.0.0.1 -> 127\\.0\\.0\\.1 (values here have no other metacharacters).
            values.put(variable.path("name").asText(), data.get(0).asText().replace(".", "\\\\."));
        }
        return values;
    }

    // ------------------------------------------------------------------------------------------
    // Prometheus

    void startPrometheus() throws Exception {
        int promPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            promPort = socket.getLocalPort();
        }
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        chart = ChartMonitoring.render();
        Path chartRules = work.resolve("chart-alerts.yml");
        new YAMLMapper().writeValue(chartRules.toFile(), chart.rulesFile);
        StringBuilder relabel = new StringBuilder();
        chart.targetLabels.forEach((name, value) -> relabel.append("""
                      - target_label: %s
                        replacement: '%s'
                """.formatted(name, value)));
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                  - %s
                scrape_configs:
                  - job_name: seqcast
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  # As Prometheus Operator scrapes the chart's ServiceMonitor; the second target is down.
                  - job_name: chart-servicemonitor
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d', '127.0.0.1:%d']
                    relabel_configs:
                """.formatted(ALERTS.toAbsolutePath(), chartRules, port, port, deadPort) + relabel);
        prometheus = new ProcessBuilder(executable("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        prometheusUrl = "http://127.0.0.1:" + promPort;
        await("Prometheus is ready", () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static JsonNode query(String promql) throws Exception {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    static JsonNode queryRange(String promql, Instant from, Instant to) throws Exception {
        return api("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + from.getEpochSecond() + "&end=" + to.getEpochSecond() + "&step=1");
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    static boolean hasData(JsonNode response) {
        JsonNode result = response.path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return false;
        }
        for (JsonNode series : result) {
            for (JsonNode point : series.has("values") ? series.path("values") : List.of(series.path("value"))) {
                String value = point.path(1).asText();
                if (!value.equals("NaN") && !value.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; Prometheus log: "
                        + Files.readString(work.resolve("prometheus.log")).lines().skip(0).limit(40).toList());
            }
            Thread.sleep(250);
        }
    }

    static Path executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
