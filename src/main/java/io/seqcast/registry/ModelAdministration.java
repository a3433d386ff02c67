package io.seqcast.registry;

import java.util.List;

/**
 * Browsing and managing the registry (the REST model endpoints), beside the serving seam
 * {@link ModelRegistry}. Every change is validated first and visible through one atomic swap.
 */
public interface ModelAdministration {

    /** Every model, by name. */
    List<ModelInfo> models();

    /** One model. @throws ModelNotFoundException */
    ModelInfo model(String name);

    /** A model's versions, ascending. @throws ModelNotFoundException */
    List<VersionInfo> versions(String name);

    /** The stored manifest. @throws ModelNotFoundException */
    ModelManifest manifest(String name, int version);

    /** The stored safetensors bytes. @throws ModelNotFoundException */
    byte[] weights(String name, int version);

    /**
     * Registers weights whose manifest is carried in their safetensors metadata under
     * {@link ManifestJson#METADATA_KEY}.
     */
    LoadedModel register(String name, byte[] weights);

    /**
     * Points {@code alias} at {@code version} (promote or roll back). The version is loaded and
     * validated before the alias moves; when it fails, the alias stays where it was.
     *
     * When the model's aliases cannot be read, this rewrites them: the aliases last read (if any) plus
     * this one.
     *
     * @return the version the alias pointed at before, or 0
     * @throws InvalidModelException when the version fails validation
     */
    int setAlias(String name, String alias, int version);

    /** @throws ModelNotFoundException when there is no such alias */
    void removeAlias(String name, String alias);

    /**
     * Deletes a version.
     *
     * @throws ModelConflictException while an alias points at it or a bare {@code name} resolves to it
     */
    void deleteVersion(String name, int version);

    /** Re-reads the store now (what the poller does every interval). */
    void refresh();

    /**
     * A model.
     *
     * @param serving the version a bare name resolves to ({@code production}, else the latest), 0 when none
     *     (no version, or a {@code production} that cannot be served: the bare name answers 503)
     * @param rejected versions that failed validation, with the reason, never served
     * @param problems faults of the model's aliases (an alias whose version cannot be served, aliases
     *     the store cannot read), each saying what serves meanwhile; empty when none
     */
    record ModelInfo(String name, List<Integer> versions, int latest, int serving,
                     java.util.Map<String, Integer> aliases, List<Rejection> rejected, List<String> problems) {
    }

    /** A version as listed. */
    record VersionInfo(int version, String sha256, java.time.Instant createdAt, String cell, List<String> aliases,
                       boolean loaded) {
    }

    /** A version refused by validation. */
    record Rejection(int version, String reason) {
    }
}
