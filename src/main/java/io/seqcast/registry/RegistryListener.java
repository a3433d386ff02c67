package io.seqcast.registry;

import java.time.Duration;

/**
 * Observes the registry without the registry knowing who listens (observability implements it, so
 * the dependency points up the layers the right way). Every method is called on the thread that made
 * the change, under the registry's write lock or right after a validation: keep them cheap and never
 * throw. Every method does nothing by default.
 */
public interface RegistryListener {

    RegistryListener NONE = new RegistryListener() {
    };

    /** Why a load ended. */
    enum LoadOutcome {
        /** Validated, warmed up, ready to serve. */
        OK,
        /** Refused by validation (shapes, limits, sha256, canary): {@link InvalidModelException}. */
        REJECTED,
        /** Could not be read or failed otherwise (store I/O, a missing version, a bug). */
        ERROR;

        /** Lower-case name, for tags and logs. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A version was loaded (parsed, validated, warmed up), or failed to.
     *
     * @param model the model name (bounded by the registry: it names a model being stored or read)
     * @param took wall time of the attempt, warm-up included
     */
    default void loaded(String model, LoadOutcome outcome, Duration took) {
    }

    /**
     * What a bare model name resolves to changed: a first version, a new latest, a promote, a roll back.
     *
     * @param previous the version served before, 0 when the model was new
     * @param serving the version served now, 0 when the model is gone from the store
     */
    default void servingChanged(String model, int previous, int serving) {
    }
}
