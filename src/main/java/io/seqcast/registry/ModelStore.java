package io.seqcast.registry;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Where versions and aliases persist: {@link FileSystemModelStore} (the embedded default) or
 * {@link PostgresModelStore} (shared by replicas). A store only keeps bytes safe; validation,
 * loading and hot-swap are the {@link DefaultModelRegistry}'s.
 *
 * <p>Contract: a version is visible to {@link #versions} only once complete (weights, manifest and
 * sha256 all written); version numbers are never reused, even after a delete; every method may be
 * called from any thread.
 */
public interface ModelStore {

    /** Names of the models that have at least one version. */
    List<String> names();

    /** The model's complete versions, ascending; empty when the model does not exist. */
    SortedSet<Integer> versions(String name);

    /**
     * Alias to version; empty when none.
     *
     * @throws AliasStoreException when the aliases cannot be read (never an empty map instead)
     */
    Map<String, Integer> aliases(String name);

    /** The stored manifest (with name, version and sha256). @throws ModelNotFoundException */
    ModelManifest manifest(String name, int version);

    /** The stored safetensors bytes. @throws ModelNotFoundException */
    byte[] weights(String name, int version);

    /**
     * Stores a new version with the next number, atomically: readers (this process or another) see
     * either nothing or the whole version.
     *
     * @param manifest the manifest to store; its name, version and sha256 are set here
     * @return the stored manifest
     */
    ModelManifest create(String name, byte[] weights, ModelManifest manifest);

    /** Points {@code alias} at {@code version} (which must exist). */
    void setAlias(String name, String alias, int version);

    /**
     * Replaces every alias of the model with {@code aliases} (each version must exist), whether the
     * stored aliases can be read or not: how an unreadable alias store is repaired.
     */
    void replaceAliases(String name, Map<String, Integer> aliases);

    /** Removes an alias; false when there was none. */
    boolean removeAlias(String name, String alias);

    /** Removes a version; false when there was none. The registry checks aliases and serving first. */
    boolean deleteVersion(String name, int version);

    /**
     * Registers a callback run (on a store thread) when another process may have changed
     * {@code name}, or any model when the argument is {@code null}. Stores without push
     * notifications ignore it; polling covers them.
     */
    default void onChange(java.util.function.Consumer<String> listener) {
    }

    /** Where the store keeps its data, for logs (never with credentials). */
    String describe();
}
