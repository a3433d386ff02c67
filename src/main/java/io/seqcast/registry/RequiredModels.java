package io.seqcast.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The models that must be serving before the service is ready ({@code seqcast.registry.required-models}).
 * {@code default} counts only when a default model is bundled or stored, so a build without a
 * bundled model is still ready with an empty registry.
 */
public final class RequiredModels {

    private final List<String> configured;
    private final BooleanSupplier defaultAvailable;

    public RequiredModels(List<String> configured, BooleanSupplier defaultAvailable) {
        this.configured = configured == null ? List.of() : List.copyOf(configured);
        this.defaultAvailable = defaultAvailable;
    }

    /** The names required right now. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String name : configured) {
            if (!name.isBlank() && (!RegistryLifecycle.DEFAULT_MODEL.equals(name) || defaultAvailable.getAsBoolean())) {
                names.add(name.trim());
            }
        }
        return names;
    }
}
