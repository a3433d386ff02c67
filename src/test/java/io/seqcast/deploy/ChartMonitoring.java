package io.seqcast.deploy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's monitoring objects as a Prometheus run by Prometheus Operator sees them: the PrometheusRule's
 * rule groups (a rules file), and the labels the operator gives the series it scrapes through the chart's
 * ServiceMonitor ({@code job} from the Service label named by {@code spec.jobLabel}, {@code namespace},
 * {@code service} = the Service's name, {@code endpoint} = the port name). Used by the alert tests here and
 * by {@code PrometheusScrapeTest}, which relabels a live scrape with these labels.
 */
public final class ChartMonitoring {

    /** A release name that is not the chart's name, and a namespace that is not "default". */
    public static final String RELEASE = "payments";
    public static final String NAMESPACE = "forecasting-prod";
    /** values-exposed.yaml: fullnameOverride forecasting-eu, ServiceMonitor and PrometheusRule on. */
    public static final Path VALUES = Path.of("src/test/resources/deploy/values-exposed.yaml");

    /** {@code groups} of the rendered PrometheusRule, as a rules file Prometheus and promtool load. */
    public final Map<String, Object> rulesFile;
    /** Target labels the operator sets on every series of this release's pods. */
    public final Map<String, String> targetLabels;

    private ChartMonitoring(Map<String, Object> rulesFile, Map<String, String> targetLabels) {
        this.rulesFile = rulesFile;
        this.targetLabels = targetLabels;
    }

    public static ChartMonitoring render() {
        String yaml = new Helm(HelmChartTest.CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(HelmChartTest.KUBE_VERSION).withValuesFile(VALUES).call();
        Manifests manifests = Manifests.parse(yaml);
        GenericKubernetesResource monitor = manifests.custom("ServiceMonitor");
        GenericKubernetesResource rule = manifests.custom("PrometheusRule");
        Service service = manifests.one(Service.class);
        String jobLabel = monitor.get("spec", "jobLabel");
        String job = service.getMetadata().getLabels().get(jobLabel);
        if (job == null) {
            throw new AssertionError("the Service has no label " + jobLabel + " (the ServiceMonitor's jobLabel)");
        }
        Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", job);
        labels.put("namespace", NAMESPACE);
        labels.put("service", service.getMetadata().getName());
        labels.put("endpoint", String.valueOf(endpoint.get("port")));
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("groups", rule.get("spec", "groups"));
        return new ChartMonitoring(rules, labels);
    }

    /** Expressions of a rules file, in order. */
    @SuppressWarnings("unchecked")
    public static List<String> expressions(Map<String, Object> rulesFile) {
        return ((List<Map<String, Object>>) rulesFile.get("groups")).stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .map(r -> (String) r.get("expr")).toList();
    }

    /** Alert names of a rules file, in order. */
    @SuppressWarnings("unchecked")
    public static List<String> alertNames(Map<String, Object> rulesFile) {
        return ((List<Map<String, Object>>) rulesFile.get("groups")).stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .map(r -> (String) r.get("alert")).toList();
    }
}
