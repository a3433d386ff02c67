package io.seqcast.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural check of the custom resources the chart renders whose model fabric8 does not ship
 * (Prometheus Operator's ServiceMonitor and PrometheusRule, {@code monitoring.coreos.com/v1}): the fields
 * and required fields of their CRDs' {@code openAPIV3Schema} (prometheus-operator 0.8x), written out for
 * the parts the chart uses. An unknown field is one the API server would prune; a missing required one it
 * would refuse. Types are checked for scalars (string, boolean, integer); maps of labels are strings.
 */
final class CustomResourceShapes {

    /** A field's shape: a scalar type, an object with known fields, a list of a shape, or a string map. */
    private sealed interface Shape {
    }

    private record Scalar(Class<?> type) implements Shape {
    }

    private record Obj(Map<String, Shape> fields, Set<String> required) implements Shape {
    }

    private record ListOf(Shape item) implements Shape {
    }

    /** An object whose keys are free (labels, annotations, matchLabels): string values. */
    private record StringMap() implements Shape {
    }

    /** Anything (fields the chart does not set, which the check does not descend into). */
    private record Any() implements Shape {
    }

    private static final Shape STRING = new Scalar(String.class);
    private static final Shape BOOLEAN = new Scalar(Boolean.class);
    private static final Shape INTEGER = new Scalar(Integer.class);
    private static final Shape ANY = new Any();

    private static final Shape LABEL_SELECTOR = new Obj(Map.of(
            "matchLabels", new StringMap(), "matchExpressions", new ListOf(ANY)), Set.of());

    private static final Shape ENDPOINT = new Obj(Map.ofEntries(
            Map.entry("port", STRING), Map.entry("targetPort", ANY), Map.entry("path", STRING),
            Map.entry("scheme", STRING), Map.entry("params", ANY), Map.entry("interval", STRING),
            Map.entry("scrapeTimeout", STRING), Map.entry("honorLabels", BOOLEAN),
            Map.entry("honorTimestamps", BOOLEAN), Map.entry("trackTimestampsStaleness", BOOLEAN),
            Map.entry("relabelings", new ListOf(ANY)), Map.entry("metricRelabelings", new ListOf(ANY)),
            Map.entry("tlsConfig", ANY), Map.entry("authorization", ANY), Map.entry("basicAuth", ANY),
            Map.entry("oauth2", ANY), Map.entry("bearerTokenSecret", ANY), Map.entry("bearerTokenFile", STRING),
            Map.entry("followRedirects", BOOLEAN), Map.entry("enableHttp2", BOOLEAN),
            Map.entry("filterRunning", BOOLEAN), Map.entry("proxyUrl", STRING), Map.entry("noProxy", STRING),
            Map.entry("proxyFromEnvironment", BOOLEAN), Map.entry("proxyConnectHeader", ANY)), Set.of());

    private static final Shape SERVICE_MONITOR_SPEC = new Obj(Map.ofEntries(
            Map.entry("selector", LABEL_SELECTOR), Map.entry("endpoints", new ListOf(ENDPOINT)),
            Map.entry("jobLabel", STRING), Map.entry("targetLabels", new ListOf(STRING)),
            Map.entry("podTargetLabels", new ListOf(STRING)), Map.entry("namespaceSelector", ANY),
            Map.entry("sampleLimit", INTEGER), Map.entry("targetLimit", INTEGER), Map.entry("labelLimit", INTEGER),
            Map.entry("labelNameLengthLimit", INTEGER), Map.entry("labelValueLengthLimit", INTEGER),
            Map.entry("keepDroppedTargets", INTEGER), Map.entry("attachMetadata", ANY),
            Map.entry("scrapeClass", STRING), Map.entry("scrapeProtocols", new ListOf(STRING)),
            Map.entry("bodySizeLimit", STRING), Map.entry("selectorMechanism", STRING)), Set.of("selector"));

    private static final Shape RULE = new Obj(Map.of(
            "alert", STRING, "record", STRING, "expr", STRING, "for", STRING, "keep_firing_for", STRING,
            "labels", new StringMap(), "annotations", new StringMap()), Set.of("expr"));

    private static final Shape PROMETHEUS_RULE_SPEC = new Obj(Map.of("groups", new ListOf(new Obj(Map.of(
            "name", STRING, "interval", STRING, "limit", INTEGER, "query_offset", STRING,
            "partial_response_strategy", STRING, "labels", new StringMap(), "rules", new ListOf(RULE)),
            Set.of("name")))), Set.of());

    private static final Map<String, Shape> SPECS = Map.of(
            "monitoring.coreos.com/v1/ServiceMonitor", SERVICE_MONITOR_SPEC,
            "monitoring.coreos.com/v1/PrometheusRule", PROMETHEUS_RULE_SPEC);

    private CustomResourceShapes() {
    }

    /** What is wrong with the resource's spec ({@code path: unknown field}, {@code path: required}, ...); empty when nothing. */
    static List<String> violations(GenericKubernetesResource resource) {
        Shape spec = SPECS.get(resource.getApiVersion() + "/" + resource.getKind());
        if (spec == null) {
            return List.of(resource.getApiVersion() + "/" + resource.getKind() + ": no shape known for this kind");
        }
        List<String> found = new ArrayList<>();
        Object value = resource.getAdditionalProperties().get("spec");
        Set<String> topLevel = resource.getAdditionalProperties().keySet();
        topLevel.stream().filter(k -> !k.equals("spec")).forEach(k -> found.add(k + ": unknown field"));
        if (value == null) {
            found.add("spec: required");
        } else {
            check(spec, value, "spec", found);
        }
        return found;
    }

    private static void check(Shape shape, Object value, String path, List<String> found) {
        if (shape instanceof Scalar scalar) {
            boolean ok = scalar.type() == Integer.class ? value instanceof Integer || value instanceof Long
                    : scalar.type().isInstance(value);
            if (!ok) {
                found.add(path + ": expected " + scalar.type().getSimpleName() + ", got " + value);
            }
        } else if (shape instanceof StringMap) {
            if (!(value instanceof Map<?, ?> entries)) {
                found.add(path + ": expected an object, got " + value);
                return;
            }
            entries.forEach((k, v) -> {
                if (!(v instanceof String)) {
                    found.add(path + "." + k + ": expected String, got " + v);
                }
            });
        } else if (shape instanceof ListOf list) {
            if (!(value instanceof List<?> items)) {
                found.add(path + ": expected a list, got " + value);
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                check(list.item(), items.get(i), path + "[" + i + "]", found);
            }
        } else if (shape instanceof Obj obj) {
            if (!(value instanceof Map<?, ?> fields)) {
                found.add(path + ": expected an object, got " + value);
                return;
            }
            for (String required : obj.required()) {
                if (!fields.containsKey(required)) {
                    found.add(path + "." + required + ": required");
                }
            }
            fields.forEach((k, v) -> {
                Shape field = obj.fields().get(String.valueOf(k));
                if (field == null) {
                    found.add(path + "." + k + ": unknown field");
                } else {
                    check(field, v, path + "." + k, found);
                }
            });
        }
        // Any: not descended into.
    }
}
