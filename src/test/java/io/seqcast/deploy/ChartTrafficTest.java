package io.seqcast.deploy;

import static io.seqcast.deploy.HelmChartTest.NAMESPACE;
import static io.seqcast.deploy.HelmChartTest.VALUES_DIR;
import static io.seqcast.deploy.HelmChartTest.read;
import static io.seqcast.deploy.HelmChartTest.render;
import static io.seqcast.deploy.HelmChartTest.servingContainer;
import static io.seqcast.deploy.HelmChartTest.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How traffic reaches the pods and leaves them: Ingress, HTTPRoute, NetworkPolicy, the {@code helm test}
 * pod and the preStop delay of graceful shutdown, rendered with {@code values-exposed.yaml}.
 */
class ChartTrafficTest {

    static final Path EXPOSED = VALUES_DIR.resolve("values-exposed.yaml");

    @Test
    void ingressRoutesEveryPathToTheServicesHttpPortWithTls() {
        Manifests manifests = render(template().withValuesFile(EXPOSED));
        Ingress ingress = manifests.one(Ingress.class);
        Service service = manifests.one(Service.class);
        assertThat(ingress.getApiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isEqualTo("forecast-example-com-tls");
            assertThat(tls.getHosts()).containsExactly("forecast.example.com");
        });
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("forecast.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName()).contains("http");
    }

    @Test
    void httpRouteAttachesToTheGatewayAndSendsToTheServicePort() {
        Manifests manifests = render(template().withValuesFile(EXPOSED));
        HTTPRoute route = manifests.one(HTTPRoute.class);
        Service service = manifests.one(Service.class);
        assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(parent -> {
            assertThat(parent.getName()).isEqualTo("public");
            assertThat(parent.getNamespace()).isEqualTo("gateway-system");
            assertThat(parent.getSectionName()).isEqualTo("https");
        });
        assertThat(route.getSpec().getHostnames()).containsExactly("forecast.example.com");
        assertThat(route.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getMatches()).singleElement().satisfies(match -> {
                assertThat(match.getPath().getType()).isEqualTo("PathPrefix");
                assertThat(match.getPath().getValue()).isEqualTo("/");
            });
            assertThat(rule.getBackendRefs()).singleElement().satisfies(backend -> {
                assertThat(backend.getName()).isEqualTo(service.getMetadata().getName());
                assertThat(backend.getPort()).isEqualTo(service.getSpec().getPorts().get(0).getPort());
            });
        });
    }

    @Test
    void httpRouteWithoutAGatewayFailsWithAMessage() {
        assertThatThrownBy(() -> template().set("httpRoute.enabled", true).call()).hasMessageContaining("httpRoute.parentRefs");
    }

    @Test
    void ingressHttpRouteAndNetworkPolicyAreOffByDefault() {
        assertThat(render(template()).kinds()).doesNotContain("Ingress", "HTTPRoute", "NetworkPolicy");
    }

    @Test
    void networkPolicyAdmitsTheIngressControllerPrometheusListedClientsAndTheTestPodOnTheHttpPort() {
        Manifests manifests = render(template().withValuesFile(EXPOSED));
        NetworkPolicy policy = manifests.one(NetworkPolicy.class);
        Deployment deployment = manifests.one(Deployment.class);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort().getStrVal()).isEqualTo("http");
                assertThat(port.getProtocol()).isEqualTo("TCP");
            });
            assertThat(rule.getFrom()).extracting(ChartTrafficTest::describe).containsExactly(
                    "ns kubernetes.io/metadata.name=ingress-nginx, pods app.kubernetes.io/name=ingress-nginx",
                    "ns kubernetes.io/metadata.name=monitoring, pods app.kubernetes.io/name=prometheus",
                    "ns kubernetes.io/metadata.name=shop",
                    "pods app.kubernetes.io/component=test,app.kubernetes.io/instance=" + HelmChartTest.RELEASE);
        });
        Pod testPod = manifests.one(Pod.class);
        assertThat(testPod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "test")
                .containsEntry("app.kubernetes.io/instance", HelmChartTest.RELEASE);
    }

    @Test
    void networkPolicyLetsThePodsReachDnsAndPostgresqlOnly() {
        NetworkPolicy policy = render(template().withValuesFile(EXPOSED)).one(NetworkPolicy.class);
        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertThat(egress).hasSize(2);
        assertThat(egress.get(0).getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactly("UDP/53", "TCP/53");
        assertThat(egress.get(0).getTo()).extracting(ChartTrafficTest::describe)
                .containsExactly("ns kubernetes.io/metadata.name=kube-system, pods k8s-app=kube-dns");
        assertThat(egress.get(1).getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactly("TCP/5432");
        assertThat(egress.get(1).getTo()).extracting(ChartTrafficTest::describe)
                .containsExactly("ns kubernetes.io/metadata.name=databases, pods app.kubernetes.io/name=postgresql");
    }

    @Test
    void withTheFileSystemRegistryTheNetworkPolicyAllowsDnsEgressOnly() {
        NetworkPolicy policy = render(template().set("networkPolicy.enabled", true)).one(NetworkPolicy.class);
        assertThat(policy.getSpec().getEgress()).singleElement()
                .satisfies(rule -> assertThat(rule.getPorts()).allSatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(53)));
    }

    @Test
    void helmTestPodRunsTheChartsScriptAgainstTheServiceWithTheApiKeyFromTheSecret() {
        Manifests manifests = render(template().withValuesFile(EXPOSED));
        Pod pod = manifests.one(Pod.class);
        Service service = manifests.one(Service.class);
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(HelmChartTest.HOOK, "test")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(servingContainer(manifests.one(Deployment.class)).getImage());
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(container.getCommand()).containsExactly("bash", "-c");
        assertThat(container.getArgs()).singleElement().satisfies(script ->
                assertThat(script.strip()).isEqualTo(read(HelmChartTest.CHART.resolve("files/helm-test.sh")).strip()));
        Map<String, EnvVar> env = container.getEnv().stream().collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("SEQCAST_HOST").getValue()).isEqualTo(service.getMetadata().getName());
        assertThat(env.get("SEQCAST_PORT").getValue()).isEqualTo(String.valueOf(service.getSpec().getPorts().get(0).getPort()));
        assertThat(env.get("SEQCAST_API_KEYS").getValueFrom().getSecretKeyRef().getName()).isEqualTo("forecasting-eu");
        assertThat(env.get("SEQCAST_API_KEYS").getValueFrom().getSecretKeyRef().getOptional()).isTrue();
        assertThat(render(template().set("tests.enabled", false)).kinds()).doesNotContain("Pod");
    }

    /** The sleep, then graceful shutdown (20 s, spring.lifecycle.timeout-per-shutdown-phase) fit in the grace period. */
    @Test
    void preStopSleepsBeforeSigtermAndLeavesTheGracefulShutdownItsTime() {
        for (var command : List.of(template(), template().withValuesFile(EXPOSED))) {
            Deployment deployment = render(command).one(Deployment.class);
            Container container = servingContainer(deployment);
            List<String> sleep = container.getLifecycle().getPreStop().getExec().getCommand();
            assertThat(sleep).hasSize(2).first().isEqualTo("sleep");
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertThat(Long.parseLong(sleep.get(1)) + 20).isLessThan(grace);
        }
        assertThat(servingContainer(render(template()).one(Deployment.class)).getLifecycle().getPreStop().getExec().getCommand())
                .containsExactly("sleep", "10");
        assertThat(servingContainer(render(template().set("lifecycle.preStopSleepSeconds", 0)).one(Deployment.class))
                .getLifecycle()).isNull();
        assertThatThrownBy(() -> template().set("lifecycle.preStopSleepSeconds", 40).call())
                .hasMessageContaining("terminationGracePeriodSeconds");
    }

    @Test
    void imageIsARegistryPathAndADigestWinsOverTheTag() {
        assertThat(servingContainer(render(template()).one(Deployment.class)).getImage())
                .isEqualTo("ghcr.io/seqcast/seqcast:0.1.0-SNAPSHOT");
        assertThat(servingContainer(render(template().withValuesFile(EXPOSED)).one(Deployment.class)).getImage())
                .isEqualTo("registry.example.com/team/seqcast@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThatThrownBy(() -> template().set("image.digest", "latest").call()).hasMessageContaining("digest");
    }

    @Test
    void serviceMonitorSetsTheJobLabelFromAServiceLabelWhateverTheReleaseIsCalled() {
        Manifests manifests = render(template().withValuesFile(EXPOSED));
        var monitor = manifests.custom("ServiceMonitor");
        String jobLabel = monitor.get("spec", "jobLabel");
        assertThat(manifests.one(Service.class).getMetadata().getLabels()).containsEntry(jobLabel, "seqcast");
        assertThat(manifests.one(Service.class).getMetadata().getNamespace()).isIn(null, NAMESPACE);
    }

    private static String describe(NetworkPolicyPeer peer) {
        StringBuilder text = new StringBuilder();
        if (peer.getNamespaceSelector() != null) {
            text.append("ns ").append(labels(peer.getNamespaceSelector().getMatchLabels()));
        }
        if (peer.getPodSelector() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("pods ").append(labels(peer.getPodSelector().getMatchLabels()));
        }
        return text.toString();
    }

    private static String labels(Map<String, String> labels) {
        return String.join(",", new java.util.TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
