package io.seqcast.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;

/**
 * Rendered Kubernetes manifests, parsed with the fabric8 Kubernetes model (the typed classes for
 * built-in kinds, {@link GenericKubernetesResource} for custom resources such as ServiceMonitor).
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> resources;

    private Manifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Parses the output of {@code helm template}: YAML documents separated by {@code ---} lines. */
    static Manifests parse(String multiDocumentYaml) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (String document : multiDocumentYaml.split("(?m)^---\\s*$")) {
            boolean empty = document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            if (empty) {
                continue;
            }
            Object resource = SERIALIZATION.unmarshal(document);
            if (!(resource instanceof HasMetadata hasMetadata)) {
                throw new IllegalArgumentException("not a Kubernetes object: " + document);
            }
            parsed.add(hasMetadata);
        }
        return new Manifests(parsed);
    }

    List<HasMetadata> all() {
        return resources;
    }

    List<String> kinds() {
        return resources.stream().map(HasMetadata::getKind).sorted().toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size() + " in " + kinds());
        }
        return found.get(0);
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    GenericKubernetesResource custom(String kind) {
        List<GenericKubernetesResource> found = all(GenericKubernetesResource.class).stream()
                .filter(r -> kind.equals(r.getKind())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size() + " in " + kinds());
        }
        return found.get(0);
    }

    /**
     * Fields of the manifests that the Kubernetes model does not know: the fabric8 classes keep
     * them in {@code additionalProperties} instead of failing, so a misspelt or misplaced field
     * ({@code readinesProbe}, {@code securityContext.fsGroup} on a container) shows up here as
     * {@code Kind/name: path.to.field}. Custom resources are checked up to their metadata only.
     */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata resource : resources) {
            String where = resource.getKind() + "/" + resource.getMetadata().getName() + ": ";
            Object root = resource instanceof GenericKubernetesResource ? resource.getMetadata() : resource;
            collectUnknown(root, "", where, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return unknown;
    }

    private static void collectUnknown(Object value, String path, String where, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                collectUnknown(item, path + "[" + i++ + "]", where, unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "[" + k + "]", where, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type.getName().startsWith("io.fabric8."); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                String fieldPath = path.isEmpty() ? field.getName() : path + "." + field.getName();
                if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
                    for (Object key : extra.keySet()) {
                        unknown.add(where + (path.isEmpty() ? "" : path + ".") + key);
                    }
                } else {
                    collectUnknown(fieldValue, fieldPath, where, unknown, seen);
                }
            }
        }
    }
}
