package io.seqcast.registry;

/**
 * The seam through which forecasting and training use models. Resolving reads one immutable
 * {@link LoadedModel} reference (no lock on the forecast path); registering validates, warms up and
 * stores a new immutable version.
 */
public interface ModelRegistry {

    /**
     * The model serving {@code reference}.
     *
     * @throws ModelNotFoundException when no such model, version or alias exists
     */
    LoadedModel resolve(ModelReference reference);

    /**
     * Stores a new version of {@code name} with the next version number and returns it loaded.
     *
     * @param weights safetensors bytes (PyTorch names)
     * @param manifest the model card; name, version and sha256 are assigned here
     * @throws InvalidModelException when the weights or manifest fail validation (nothing is stored)
     */
    LoadedModel register(String name, byte[] weights, ModelManifest manifest);
}
