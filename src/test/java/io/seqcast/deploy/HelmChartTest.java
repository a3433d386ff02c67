package io.seqcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart: {@code helm lint --strict}, and {@code helm template} with default and non-default
 * values, every rendered manifest parsed with the fabric8 Kubernetes model (Helm 3 in-process
 * through helm-java; no cluster, no helm binary).
 */
class HelmChartTest {

    static final Path CHART = Path.of("helm/seqcast");
    static final Path VALUES_DIR = Path.of("src/test/resources/deploy");
    static final String RELEASE = "prod";
    static final String NAMESPACE = "forecasting";
    /** Rendered against this Kubernetes version (helm template defaults to an old one). */
    static final String KUBE_VERSION = "v1.31.0";
    /** Every non-default values file: each is linted, rendered and schema-checked. */
    static final List<String> VALUES_FILES = List.of(
            "values-postgres-scaled.yaml", "values-filesystem-pvc.yaml", "values-exposed.yaml");
    static final ObjectMapper YAML = new YAMLMapper();
    /** The annotation helm.sh/hook becomes in {@link #RENDERED_CHART}. */
    static final String HOOK = "rendered-by-test.seqcast.io/helm-hook";
    static final Path RENDERED_CHART = chartWithHooksAsManifests();
    static final ObjectMapper JSON = new ObjectMapper();

    // ---- lint ----------------------------------------------------------------------------------

    @Test
    void lintStrictPassesWithDefaultValues() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    /** helm-java's lint takes no values file: lint a copy of the chart whose values.yaml has the overrides merged in. */
    @ParameterizedTest
    @ValueSource(strings = {"values-postgres-scaled.yaml", "values-filesystem-pvc.yaml", "values-exposed.yaml"})
    void lintStrictPassesWithNonDefaultValues(String valuesFile, @TempDir Path temp) throws IOException {
        Path chart = temp.resolve("seqcast");
        copyTree(CHART, chart);
        Map<String, Object> values = deepMerge(readYaml(CHART.resolve("values.yaml")), readYaml(VALUES_DIR.resolve(valuesFile)));
        YAML.writeValue(chart.resolve("values.yaml").toFile(), values);
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict with %s: %s", valuesFile, result.getMessages()).isFalse();
    }

    // ---- default values ------------------------------------------------------------------------

    @Test
    void defaultValuesRenderTheServingObjectsAndTheTestPodOnly() {
        Manifests manifests = render(template());
        assertThat(manifests.kinds()).containsExactly(
                "ConfigMap", "Deployment", "Pod", "PodDisruptionBudget", "Secret", "Service", "ServiceAccount");
    }

    /**
     * Built-in kinds and the Gateway API HTTPRoute against the fabric8 model (which keeps unknown fields
     * aside), ServiceMonitor and PrometheusRule against the structure of their CRDs.
     */
    @Test
    void noRenderedManifestHasAFieldItsSchemaDoesNotKnow() {
        List<String> kinds = new ArrayList<>();
        for (TemplateCommand command : everyValuesSet()) {
            Manifests manifests = render(command);
            assertThat(manifests.unknownFields()).isEmpty();
            for (GenericKubernetesResource custom : manifests.all(GenericKubernetesResource.class)) {
                assertThat(CustomResourceShapes.violations(custom)).as("%s %s", custom.getKind(), custom.getMetadata().getName())
                        .isEmpty();
            }
            kinds.addAll(manifests.kinds());
        }
        assertThat(kinds).as("every kind the chart can render was checked")
                .contains("Ingress", "HTTPRoute", "NetworkPolicy", "Pod", "ServiceMonitor", "PrometheusRule", "CronJob", "Job",
                        "HorizontalPodAutoscaler", "PersistentVolumeClaim");
    }

    @Test
    void theCustomResourceCheckCatchesAMisspeltAndAMissingField() {
        GenericKubernetesResource monitor = (GenericKubernetesResource) Manifests.parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: x}
                spec:
                  endpoints:
                    - {port: http, pathh: /metrics}
                """).all().get(0);
        assertThat(CustomResourceShapes.violations(monitor))
                .containsExactlyInAnyOrder("spec.endpoints[0].pathh: unknown field", "spec.selector: required");
    }

    @Test
    void theUnknownFieldCheckCatchesAMisspeltField() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe: {httpGet: {path: /, port: 80}}
                """;
        assertThat(Manifests.parse(yaml).unknownFields()).containsExactly("Deployment/x: spec.template.spec.containers[0].readinesProbe");
    }

    @Test
    void deploymentProbesTheActuatorHealthGroups() {
        Container container = servingContainer(render(template()).one(Deployment.class));
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
    }

    /**
     * Finding 8: requests over 20 s were cut at shutdown and 20 s + 30 s of training cancel exceeded the
     * 40 s grace period. The preStop sleep, the shutdown phase (which covers the request deadline) and the
     * training stop must fit in terminationGracePeriodSeconds.
     */
    @Test
    void preStopSleepAndTheShutdownBudgetFitTheGracePeriod() throws IOException {
        Deployment deployment = render(template()).one(Deployment.class);
        Container container = servingContainer(deployment);
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop.get(0)).isEqualTo("sleep");
        long sleep = Long.parseLong(preStop.get(1));
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();

        Map<?, ?> application = YAML.readValue(Path.of("src/main/resources/application.yml").toFile(), Map.class);
        long shutdownPhase = seconds(path(application, "spring", "lifecycle", "timeout-per-shutdown-phase"));
        long deadline = seconds(path(application, "seqcast", "admission", "deadline"));
        long trainingStop = seconds(path(application, "seqcast", "training", "shutdown-timeout"));
        assertThat(deadline).as("every request answers before the drain ends").isLessThan(shutdownPhase);
        assertThat(sleep + shutdownPhase + trainingStop).isLessThan(grace);
    }

    private static Object path(Map<?, ?> yaml, String... keys) {
        Object node = yaml;
        for (String key : keys) {
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    /** {@code 20s} -> 20. */
    private static long seconds(Object value) {
        String text = String.valueOf(value);
        assertThat(text).endsWith("s");
        return Long.parseLong(text.substring(0, text.length() - 1));
    }

    @Test
    void podsRunNonRootOnAReadOnlyRootFileSystemWithoutPrivileges() {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-postgres-scaled.yaml")));
        List<PodSpec> pods = List.of(
                manifests.one(Deployment.class).getSpec().getTemplate().getSpec(),
                manifests.one(Job.class).getSpec().getTemplate().getSpec());
        for (PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            Container container = pod.getContainers().get(0);
            var security = container.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(mountPaths(container)).contains("/tmp");
        }
    }

    @Test
    void containersHaveCpuAndMemoryRequestsAndLimits() {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-filesystem-pvc.yaml")));
        List<Container> containers = List.of(
                servingContainer(manifests.one(Deployment.class)),
                manifests.one(CronJob.class).getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0));
        for (Container container : containers) {
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        }
    }

    @Test
    void selectorLabelsMatchAcrossDeploymentServicePdbAndTopologySpread() {
        Manifests manifests = render(template());
        Deployment deployment = manifests.one(Deployment.class);
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(selector).containsOnly(
                Map.entry("app.kubernetes.io/name", "seqcast"), Map.entry("app.kubernetes.io/instance", RELEASE));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
        assertThat(manifests.one(Service.class).getSpec().getSelector()).isEqualTo(selector);
        assertThat(manifests.one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
        var spread = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(spread).extracting(c -> c.getTopologyKey())
                .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(spread).allSatisfy(c -> assertThat(c.getLabelSelector().getMatchLabels()).isEqualTo(selector));
        assertThat(manifests.one(Service.class).getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void everyObjectCarriesTheStandardLabelsAndADnsLabelName() {
        for (TemplateCommand command : everyValuesSet()) {
            for (HasMetadata resource : render(command).all()) {
                assertThat(resource.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
                assertThat(resource.getMetadata().getLabels())
                        .containsKeys("helm.sh/chart", "app.kubernetes.io/name", "app.kubernetes.io/instance",
                                "app.kubernetes.io/version", "app.kubernetes.io/managed-by");
            }
        }
    }

    @Test
    void defaultRegistryIsTheFileSystemStoreOnAnEmptyDirAtModels() {
        Manifests manifests = render(template());
        ConfigMap config = manifests.one(ConfigMap.class);
        assertThat(config.getData()).containsEntry("SEQCAST_REGISTRY_STORE", "filesystem")
                .containsEntry("SEQCAST_REGISTRY_DIRECTORY", "/models")
                .containsEntry("SEQCAST_TENSOR_BACKEND", "auto")
                .containsEntry("SEQCAST_TENSOR_THREADS", "0")
                .doesNotContainKeys("SPRING_DATASOURCE_URL", "JAVA_TOOL_OPTIONS");
        Deployment deployment = manifests.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(volume(deployment.getSpec().getTemplate().getSpec(), "models").getEmptyDir()).isNotNull();
        assertThat(mountPaths(servingContainer(deployment))).contains("/models");
    }

    @Test
    void containerEnvironmentComesFromTheRenderedConfigMapAndSecret() {
        Manifests manifests = render(template());
        Container container = servingContainer(manifests.one(Deployment.class));
        assertThat(container.getEnvFrom()).singleElement()
                .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(manifests.one(ConfigMap.class).getMetadata().getName()));
        Secret secret = manifests.one(Secret.class);
        EnvVar apiKeys = env(container, "SEQCAST_SECURITY_API_KEYS");
        assertThat(apiKeys.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(secret.getStringData()).containsKey(apiKeys.getValueFrom().getSecretKeyRef().getKey());
        assertThat(manifests.one(ServiceAccount.class).getMetadata().getName())
                .isEqualTo(manifests.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName());
    }

    // ---- PostgreSQL registry, autoscaling, monitoring, retrain Job -----------------------------

    @Test
    void postgresRegistryTakesTheUrlFromTheConfigMapAndCredentialsFromTheExistingSecret() {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-postgres-scaled.yaml")));
        assertThat(manifests.all(Secret.class)).as("existingSecret: the chart creates none").isEmpty();
        ConfigMap config = manifests.named(ConfigMap.class, "forecasting").orElseThrow();
        assertThat(config.getData()).containsEntry("SEQCAST_REGISTRY_STORE", "postgres")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://db.example.com:5432/seqcast")
                .containsEntry("LOGGING_LEVEL_IO_SEQCAST", "DEBUG")
                .containsEntry("JAVA_TOOL_OPTIONS", "--add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=60.0")
                .doesNotContainKey("SEQCAST_REGISTRY_DIRECTORY");
        Deployment deployment = manifests.one(Deployment.class);
        Container container = servingContainer(deployment);
        for (String name : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SEQCAST_SECURITY_API_KEYS")) {
            assertThat(env(container, name).getValueFrom().getSecretKeyRef().getName()).isEqualTo("seqcast-credentials");
        }
        assertThat(env(container, "TZ").getValue()).isEqualTo("UTC");
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName).containsExactly("tmp");
        assertThat(container.getImage()).isEqualTo("registry.example.com/team/seqcast:1.2.3");
    }

    @Test
    void autoscalingReplacesTheReplicaCount() {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-postgres-scaled.yaml")));
        Deployment deployment = manifests.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isNull();
        HorizontalPodAutoscaler hpa = manifests.one(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName()).isEqualTo("forecasting");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
        assertThat(hpa.getSpec().getMetrics()).filteredOn(m -> m.getType().equals("Resource"))
                .extracting(m -> m.getResource().getName() + "=" + m.getResource().getTarget().getAverageUtilization())
                .containsExactly("cpu=60", "memory=80");
        assertThat(hpa.getSpec().getMetrics()).filteredOn(m -> m.getType().equals("Pods")).singleElement().satisfies(m -> {
            assertThat(m.getPods().getMetric().getName()).isEqualTo("seqcast_http_requests_per_second");
            assertThat(m.getPods().getTarget().getType()).isEqualTo("AverageValue");
            assertThat(m.getPods().getTarget().getAverageValue().toString()).isEqualTo("400");
        });
    }

    @Test
    void serviceMonitorScrapesTheActuatorPrometheusEndpointOfTheService() {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-postgres-scaled.yaml")));
        GenericKubernetesResource monitor = manifests.custom("ServiceMonitor");
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
        assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
        Map<String, Object> matchLabels = monitor.get("spec", "selector", "matchLabels");
        assertThat(manifests.one(Service.class).getMetadata().getLabels()).containsAllEntriesOf(asStrings(matchLabels));
        assertThat(manifests.one(Service.class).getSpec().getPorts()).extracting(p -> p.getName()).contains("http");
    }

    /**
     * The compose rules are the chart's with the compose selector: the chart's rules select this release's job,
     * namespace and Service, compose's Prometheus has one job, {@code seqcast}.
     */
    @Test
    void prometheusRuleHasTheComposeAlertRulesSelectingThisReleasesSeries() throws IOException {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-postgres-scaled.yaml")));
        GenericKubernetesResource rule = manifests.custom("PrometheusRule");
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        Object groups = rule.get("spec", "groups");
        String chartSelector = "job=\"seqcast\", namespace=\"" + NAMESPACE + "\", service=\"forecasting\"";
        assertThat(JSON.writeValueAsString(groups)).contains("SeqcastInstanceDown", "{{ $labels.instance }}");
        assertThat(ruleExpressions(groups)).allSatisfy(expr -> assertThat(expr).contains(chartSelector))
                .contains("absent(up{" + chartSelector + "})\n");
        Object asCompose = replaceInStrings(replaceInStrings(groups, chartSelector, "job=\"seqcast\""),
                chartSelector.replace('"', '\''), "job='seqcast'");
        assertThat(asCompose).as("deploy/prometheus/alerts.yml = the chart's rules with the selector job=\"seqcast\"")
                .isEqualTo(readYaml(Path.of("deploy/prometheus/alerts.yml")).get("groups"));
    }

    @SuppressWarnings("unchecked")
    static List<String> ruleExpressions(Object groups) {
        List<String> exprs = new ArrayList<>();
        for (Object group : (List<Object>) groups) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                exprs.add((String) ((Map<String, Object>) rule).get("expr"));
            }
        }
        return exprs;
    }

    static Object replaceInStrings(Object node, String from, String to) {
        if (node instanceof String text) {
            return text.replace(from, to);
        }
        if (node instanceof List<?> list) {
            return list.stream().map(item -> replaceInStrings(item, from, to)).toList();
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, replaceInStrings(v, from, to)));
            return copy;
        }
        return node;
    }

    @Test
    void grafanaDashboardConfigMapCarriesTheComposeDashboard() throws IOException {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-postgres-scaled.yaml")));
        ConfigMap dashboard = manifests.named(ConfigMap.class, "forecasting-dashboard").orElseThrow();
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(JSON.readTree(dashboard.getData().get("seqcast.json")))
                .isEqualTo(JSON.readTree(Path.of("deploy/grafana/dashboards/seqcast.json").toFile()));
    }

    @Test
    void retrainJobRunsTheServingImageWithTheTrainArgumentsAndIsNotSelectedByTheService() {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-postgres-scaled.yaml")));
        Job job = manifests.one(Job.class);
        assertThat(job.getMetadata().getName()).isEqualTo("forecasting-retrain-1");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container container = pod.getContainers().get(0);
        Container serving = servingContainer(manifests.one(Deployment.class));
        assertThat(container.getImage()).isEqualTo(serving.getImage());
        assertThat(container.getArgs()).containsExactly(
                "--seqcast.job=train", "--seqcast.train.model=sales-gru", "--seqcast.train.data=/data/request.json",
                "--spring.main.web-application-type=none", "--seqcast.train.timeout=30m");
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("training-data");
            assertThat(v.getConfigMap().getName()).isEqualTo("sales-training-request");
        });
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/data");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(container.getEnvFrom()).isEqualTo(serving.getEnvFrom());
        assertThat(container.getEnv()).isEqualTo(serving.getEnv());
        Map<String, String> selector = manifests.one(Deployment.class).getSpec().getSelector().getMatchLabels();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels().entrySet())
                .as("the Deployment, Service and PDB must not select the training pod")
                .doesNotContainAnyElementsOf(Set.of(Map.entry("app.kubernetes.io/name", selector.get("app.kubernetes.io/name"))));
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400);
    }

    // ---- file-system registry on a claim, CronJob ----------------------------------------------

    @Test
    void fileSystemRegistryOnAClaimIsSharedByServingPodsAndTheRetrainCronJob() {
        Manifests manifests = render(template().withValuesFile(VALUES_DIR.resolve("values-filesystem-pvc.yaml")));
        PersistentVolumeClaim claim = manifests.one(PersistentVolumeClaim.class);
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("nfs");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("5Gi");
        Deployment deployment = manifests.one(Deployment.class);
        CronJob cronJob = manifests.one(CronJob.class);
        assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 3 * * *");
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        for (PodSpec pod : List.of(deployment.getSpec().getTemplate().getSpec(),
                cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec())) {
            assertThat(volume(pod, "models").getPersistentVolumeClaim().getClaimName()).isEqualTo(claim.getMetadata().getName());
            assertThat(mountPaths(pod.getContainers().get(0))).contains("/var/lib/seqcast/models");
        }
        assertThat(manifests.one(ConfigMap.class).getData()).containsEntry("SEQCAST_REGISTRY_DIRECTORY", "/var/lib/seqcast/models");
        assertThat(manifests.one(Secret.class).getStringData()).containsEntry("api-keys", "key-one,key-two");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).isNullOrEmpty();
        assertThat(manifests.one(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getStrVal()).isEqualTo("30%");
    }

    // ---- values: schema, comments, copies ------------------------------------------------------

    @Test
    void schemaRejectsUnknownValuesAndOutOfRangeSettings() {
        assertThatThrownBy(() -> template().set("registry.store", "mysql").call()).hasMessageContaining("store");
        assertThatThrownBy(() -> template().set("tensor.backend", "cuda").call()).hasMessageContaining("backend");
        assertThatThrownBy(() -> template().set("replicaCountt", 3).call()).hasMessageContaining("replicaCountt");
        assertThatThrownBy(() -> template().set("image.pullPolicy", "Sometimes").call()).hasMessageContaining("pullPolicy");
    }

    @Test
    void postgresStoreWithoutCredentialsFailsWithAMessage() {
        assertThatThrownBy(() -> template().set("registry.store", "postgres").call())
                .hasMessageContaining("registry.postgres.password");
    }

    @Test
    void notesTellHowToReachTheServiceAndWarnAboutUnsharedRegistries() {
        String notes = template().debug().call();
        assertThat(notes).isNotBlank();
        // NOTES.txt is rendered by install only; lint renders it, and its text is checked in the chart source.
        assertThat(read(CHART.resolve("templates/NOTES.txt"))).contains("port-forward", "WARNING");
    }

    /** Every value in values.yaml has a comment, except the fields inside plain Kubernetes objects. */
    @Test
    void everyValueIsCommented() {
        Set<String> kubernetesObjects = Set.of("podSecurityContext", "securityContext", "resources", "capabilities",
                "seccompProfile", "requests", "limits", "labels", "hosts", "ingressControllers", "prometheus", "dns", "to");
        List<String> lines = read(CHART.resolve("values.yaml")).lines().toList();
        List<String> uncommented = new ArrayList<>();
        Deque<String[]> parents = new ArrayDeque<>(); // {indent, key}
        String previous = "";
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String content = line.strip();
            if (!content.startsWith("#") && !content.startsWith("-") && content.matches("[A-Za-z_][\\w.-]*:.*")) {
                while (!parents.isEmpty() && Integer.parseInt(parents.peek()[0]) >= indent) {
                    parents.pop();
                }
                boolean insideKubernetesObject = parents.stream().anyMatch(p -> kubernetesObjects.contains(p[1]));
                String key = content.substring(0, content.indexOf(':'));
                if (!insideKubernetesObject && !previous.startsWith("#")) {
                    uncommented.add(key);
                }
                parents.push(new String[] {String.valueOf(indent), key});
            }
            previous = content;
        }
        assertThat(uncommented).as("values without a comment line above them").isEmpty();
    }

    @Test
    void chartCopyOfTheDashboardEqualsTheComposeOne() {
        assertThat(read(CHART.resolve("files/seqcast.json")))
                .as("helm/seqcast/files/seqcast.json must be a copy of deploy/grafana/dashboards/seqcast.json")
                .isEqualTo(read(Path.of("deploy/grafana/dashboards/seqcast.json")));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * helm-java's template leaves hooks out (helm's own keeps them), so the chart is rendered from a copy whose
     * hook annotation is renamed to {@value #HOOK}: the {@code helm test} pod is then checked like any manifest.
     */
    static TemplateCommand template() {
        return new Helm(RENDERED_CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    }

    /** helm template with the default values and with each non-default values file. */
    static List<TemplateCommand> everyValuesSet() {
        List<TemplateCommand> commands = new ArrayList<>(List.of(template()));
        VALUES_FILES.forEach(file -> commands.add(template().withValuesFile(VALUES_DIR.resolve(file))));
        return commands;
    }

    static Manifests render(TemplateCommand command) {
        return Manifests.parse(command.call());
    }

    static Container servingContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactly("seqcast");
        return containers.get(0);
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getEnv()));
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + pod.getVolumes()));
    }

    static List<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }

    static Map<String, String> asStrings(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path path) throws IOException {
        return YAML.readValue(path.toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> overrideMap && merged.get(key) instanceof Map<?, ?> baseMap) {
                merged.put(key, deepMerge((Map<String, Object>) baseMap, (Map<String, Object>) overrideMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path chartWithHooksAsManifests() {
        try {
            Path copy = Files.createTempDirectory("seqcast-chart").resolve("seqcast");
            copyTree(CHART, copy);
            try (Stream<Path> files = Files.walk(copy.resolve("templates"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.writeString(file, Files.readString(file).replace("helm.sh/hook:", HOOK + ":"));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
