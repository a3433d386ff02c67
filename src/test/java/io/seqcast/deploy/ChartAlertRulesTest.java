package io.seqcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.seqcast.testing.RequiredService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each alert fires, shown with {@code promtool test rules}: for the chart's rules rendered with a release
 * name that is not the chart's and a {@code fullnameOverride}, on series carrying the labels Prometheus
 * Operator gives this release's targets ({@link ChartMonitoring}); and for docker-compose's rules on series
 * of its job. Every alert has a case that drives its condition (a target down, none at all, 5xx, server
 * errors, slow forecasts, a rejected model, no model ready, a full heap) and expects it firing with its
 * labels; the same series from another release in the namespace fire none of this release's alerts.
 * Annotations are left out of the unit-test rules file (promtool compares them verbatim); promtool
 * {@code check rules} checks their templates. Without promtool it fails in CI and is reported as skipped elsewhere ({@link RequiredService}).
 */
class ChartAlertRulesTest {

    static final ObjectMapper YAML = new YAMLMapper();
    /** Labels of one scraped pod beyond the job's (instance; pod and container as the operator adds them). */
    static final Map<String, String> POD = Map.of("instance", "10.1.2.3:8080", "pod", "forecasting-eu-7d9f-abcde",
            "container", "seqcast");

    @BeforeEach
    void promtoolIsInstalled() {
        RequiredService.require(promtool() == null ? "no promtool on the PATH" : null,
                "apt-get install prometheus; .ci/prometheus.sh installs it");
    }

    @Test
    void everyChartAlertFiresOnTheSeriesOfARenamedReleaseAndNoneOnAnotherReleases(@TempDir Path dir) throws Exception {
        ChartMonitoring chart = ChartMonitoring.render();
        assertThat(chart.targetLabels).containsEntry("job", "seqcast").containsEntry("service", "forecasting-eu")
                .containsEntry("namespace", ChartMonitoring.NAMESPACE);
        Map<String, String> target = new LinkedHashMap<>(chart.targetLabels);
        target.putAll(POD);
        Map<String, String> otherRelease = new LinkedHashMap<>(target);
        otherRelease.put("service", "other-seqcast");
        otherRelease.put("instance", "10.9.9.9:8080");
        String output = runPromtool(dir, chart.rulesFile, target, otherRelease);
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void everyComposeAlertFiresOnTheSeriesOfTheComposeJob(@TempDir Path dir) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = YAML.readValue(Path.of("deploy/prometheus/alerts.yml").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> prometheus = YAML.readValue(Path.of("deploy/prometheus/prometheus.yml").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        String job = jobs.stream().map(j -> (String) j.get("job_name")).filter(name -> name.contains("seqcast")).findFirst()
                .orElseThrow();
        Map<String, String> target = new LinkedHashMap<>(Map.of("job", job, "instance", "seqcast:8080"));
        Map<String, String> other = new LinkedHashMap<>(Map.of("job", "prometheus", "instance", "localhost:9090"));
        assertThat(runPromtool(dir, rules, target, other)).contains("SUCCESS");
    }

    /** The unit tests: one per alert, plus one with the other job's series only. */
    private static String runPromtool(Path dir, Map<String, Object> rulesFile, Map<String, String> target,
            Map<String, String> other) throws Exception {
        List<String> alerts = ChartMonitoring.alertNames(rulesFile);
        Map<String, Map<String, Object>> cases = cases(target, other);
        assertThat(new TreeSet<>(cases.keySet())).as("a firing case for every alert").isEqualTo(new TreeSet<>(alerts));
        Path rules = dir.resolve("rules.yml");
        YAML.writeValue(rules.toFile(), withoutAnnotations(rulesFile));
        List<Object> tests = new ArrayList<>(cases.values());
        tests.add(nothingFiresFor(other, target, alerts));
        Path unitTests = dir.resolve("rules-test.yml");
        YAML.writeValue(unitTests.toFile(), Map.of("rule_files", List.of(rules.toString()), "evaluation_interval", "1m",
                "tests", tests));
        Process process = new ProcessBuilder(promtool().toString(), "test", "rules", unitTests.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("promtool test rules %s:%n%s%n%s", unitTests, Files.readString(unitTests), output)
                .isZero();
        return output;
    }

    /**
     * Per alert: input series that meet its condition, the time to look, and the labels the alert must carry
     * (its {@code by} labels taken from the target, and its severity).
     */
    private static Map<String, Map<String, Object>> cases(Map<String, String> t, Map<String, String> other) {
        List<String> perJob = List.of("namespace", "service", "job");
        List<String> perInstance = List.of("namespace", "service", "job", "instance");
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("SeqcastTargetMissing", unitTest("SeqcastTargetMissing", "8m",
                List.of(series("up", other, "", "1x10")),
                expected(t, List.of("namespace", "service", "job"), "critical", Map.of())));
        cases.put("SeqcastInstanceDown", unitTest("SeqcastInstanceDown", "5m",
                List.of(series("up", t, "", "0x10")),
                expected(t, new ArrayList<>(t.keySet()), "critical", Map.of())));
        cases.put("SeqcastHighServerErrorRatio", unitTest("SeqcastHighServerErrorRatio", "15m",
                List.of(series("http_server_requests_seconds_count", t, "uri=\"/forecast\", method=\"POST\", status=\"500\"", "0+10x20"),
                        series("http_server_requests_seconds_count", t, "uri=\"/forecast\", method=\"POST\", status=\"200\"", "0+10x20")),
                expected(t, perJob, "warning", Map.of())));
        cases.put("SeqcastHeapNearlyFull", unitTest("SeqcastHeapNearlyFull", "15m",
                List.of(series("jvm_memory_used_bytes", t, "area=\"heap\", id=\"G1 Old Gen\"", "950x20"),
                        series("jvm_memory_max_bytes", t, "area=\"heap\", id=\"G1 Old Gen\"", "1000x20")),
                expected(t, perInstance, "warning", Map.of())));
        cases.put("SeqcastForecastErrorRatioHigh", unitTest("SeqcastForecastErrorRatioHigh", "15m",
                List.of(series("seqcast_forecast_requests_seconds_count", t, "model=\"default\", version=\"1\", outcome=\"server_error\"", "0+5x20"),
                        series("seqcast_forecast_requests_seconds_count", t, "model=\"default\", version=\"1\", outcome=\"ok\"", "0+5x20")),
                expected(t, perJob, "critical", Map.of())));
        cases.put("SeqcastForecastLatencyOverSlo", unitTest("SeqcastForecastLatencyOverSlo", "20m",
                List.of(series("seqcast_forecast_requests_seconds_bucket", t, "model=\"default\", version=\"1\", outcome=\"ok\", le=\"1.0\"", "0x30"),
                        series("seqcast_forecast_requests_seconds_bucket", t, "model=\"default\", version=\"1\", outcome=\"ok\", le=\"5.0\"", "0+10x30"),
                        series("seqcast_forecast_requests_seconds_bucket", t, "model=\"default\", version=\"1\", outcome=\"ok\", le=\"+Inf\"", "0+10x30")),
                expected(t, perJob, "warning", Map.of())));
        cases.put("SeqcastModelLoadFailures", unitTest("SeqcastModelLoadFailures", "6m",
                List.of(series("seqcast_registry_loads_total", t, "model=\"sales\", outcome=\"rejected\"", "0 0 0 1 1 1 1 1 1 1")),
                expected(t, perJob, "warning", Map.of("model", "sales"))));
        cases.put("SeqcastNoModelReady", unitTest("SeqcastNoModelReady", "5m",
                List.of(series("seqcast_models_ready", t, "", "0x10")),
                expected(t, perInstance, "critical", Map.of())));
        return cases;
    }

    /** The other job's series meet every condition; this job's alerts stay silent (the absent one aside: it has no target). */
    private static Map<String, Object> nothingFiresFor(Map<String, String> other, Map<String, String> target, List<String> alerts) {
        List<Object> input = new ArrayList<>();
        input.add(series("up", target, "", "1x30"));
        input.add(series("up", other, "", "0x30"));
        input.add(series("http_server_requests_seconds_count", other, "uri=\"/forecast\", status=\"500\"", "0+10x30"));
        input.add(series("jvm_memory_used_bytes", other, "area=\"heap\"", "950x30"));
        input.add(series("jvm_memory_max_bytes", other, "area=\"heap\"", "1000x30"));
        input.add(series("seqcast_forecast_requests_seconds_count", other, "outcome=\"server_error\"", "0+5x30"));
        input.add(series("seqcast_forecast_requests_seconds_bucket", other, "le=\"5.0\"", "0+10x30"));
        input.add(series("seqcast_forecast_requests_seconds_bucket", other, "le=\"+Inf\"", "0+10x30"));
        input.add(series("seqcast_registry_loads_total", other, "model=\"sales\", outcome=\"rejected\"", "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20"));
        input.add(series("seqcast_models_ready", other, "", "0x30"));
        List<Object> checks = alerts.stream().map(alert -> (Object) Map.of("eval_time", "20m", "alertname", alert,
                "exp_alerts", List.of())).toList();
        return Map.of("interval", "1m", "input_series", input, "alert_rule_test", checks);
    }

    private static Map<String, Object> unitTest(String alert, String evalTime, List<Object> input, Map<String, Object> expected) {
        return Map.of("interval", "1m", "input_series", input, "alert_rule_test",
                List.of(Map.of("eval_time", evalTime, "alertname", alert, "exp_alerts", List.of(expected))));
    }

    private static Map<String, Object> series(String metric, Map<String, String> target, String extra, String values) {
        String labels = target.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        return Map.of("series", metric + "{" + labels + (extra.isEmpty() ? "" : ", " + extra) + "}", "values", values);
    }

    private static Map<String, Object> expected(Map<String, String> target, List<String> by, String severity, Map<String, String> more) {
        Map<String, String> labels = new LinkedHashMap<>();
        by.stream().filter(target::containsKey).forEach(name -> labels.put(name, target.get(name)));
        labels.putAll(more);
        labels.put("severity", severity);
        return Map.of("exp_labels", labels);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutAnnotations(Map<String, Object> rulesFile) throws IOException {
        Map<String, Object> copy = YAML.readValue(YAML.writeValueAsString(rulesFile), Map.class);
        for (Map<String, Object> group : (List<Map<String, Object>>) copy.get("groups")) {
            ((List<Map<String, Object>>) group.get("rules")).forEach(rule -> rule.remove("annotations"));
        }
        return copy;
    }

    static Path promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
