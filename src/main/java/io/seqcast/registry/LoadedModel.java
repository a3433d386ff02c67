package io.seqcast.registry;

import io.seqcast.nn.SeqToOneModel;

import java.time.Instant;

/**
 * A model version ready to serve: validated weights in memory and the manifest that says how to use
 * them. Immutable once published by the registry (nobody writes into the model's parameters), so a
 * request that has read the reference finishes on it whatever the registry swaps in meanwhile.
 */
public record LoadedModel(String name, int version, ModelManifest manifest, SeqToOneModel model, Instant loadedAt) {

    /** {@code name@version}, for logs and responses. */
    public String label() {
        return name + "@" + version;
    }
}
