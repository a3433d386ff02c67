package io.seqcast.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.seqcast.nn.weights.SafeTensorsFile;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry: an in-memory view of the {@link ModelStore} made of immutable {@link ModelEntry}
 * snapshots, one per model name, each replaced by a single map write (the hot-swap).
 *
 * <p><b>Serving path.</b> {@link #resolve} reads the snapshot and returns a {@link LoadedModel}
 * without taking a lock. A request that holds a {@code LoadedModel} finishes on it whatever is
 * swapped in meanwhile; once no request holds it, a replaced version is garbage.
 *
 * <p><b>Memory.</b> Every version's manifest is held; weights are held for the <em>hot</em>
 * versions only: those an alias points at and the latest one. Any other version (asked for as
 * {@code name@3}) is loaded on demand, once however many requests ask for it at the same time, into
 * a cache of cold versions bounded by their parameters' bytes ({@code
 * coldCacheBytes}, {@link ColdModels}), so memory stays bounded however many versions pile up.
 *
 * <p><b>Changes.</b> Registering, promoting, deleting and refreshing from the store (polling, or
 * PostgreSQL notifications) run one at a time under a write lock: new versions are loaded,
 * validated (shapes, finite values, canary forecast) and warmed up first, then the new snapshot is
 * published. A version that fails is refused, counted ({@code seqcast.registry.rejections}),
 * logged once, listed as rejected, and never served; an alias that would point at it stays where
 * it was.
 *
 * <p><b>Faults never fall through.</b> A bare name serves {@code production} when that alias is set,
 * else the latest version; it never serves the latest because {@code production} broke. When the
 * stored {@code production} points at a version that cannot be served (it fails validation, its
 * weights are damaged, it is gone), the last good version that alias served in this process keeps
 * serving; without one, the bare name (and {@code name@production}) answers
 * {@link ModelUnavailableException} (503). Likewise when the store cannot read a model's aliases
 * ({@link AliasStoreException}): the aliases last read stay in force, and a bare name with none
 * answers 503 until {@link #setAlias} rewrites them. Every such fault is listed in
 * {@link ModelInfo#problems()} (and so in the models health indicator).
 */
public final class DefaultModelRegistry implements ModelRegistry, ModelAdministration {

    public static final String PRODUCTION = "production";
    private static final Logger log = LoggerFactory.getLogger(DefaultModelRegistry.class);

    private final ModelStore store;
    private final ModelLoader loader;
    private final MeterRegistry meters;
    private final RegistryListener listener;

    // The published snapshots: name -> immutable entry. Written under writeLock, read without a lock.
    private final ConcurrentHashMap<String, ModelEntry> models = new ConcurrentHashMap<>();
    // name@version -> reason, for versions that failed validation.
    private final ConcurrentHashMap<String, String> rejections = new ConcurrentHashMap<>();
    // Loaded versions that are not hot: on-demand loads and versions just validated by register/promote.
    private final ColdModels cold;
    private final ReentrantLock writeLock = new ReentrantLock();

    public DefaultModelRegistry(ModelStore store, io.seqcast.tensor.ComputeContext compute,
                                io.seqcast.nn.weights.Limits limits, int warmupIterations, long coldCacheBytes,
                                MeterRegistry meters) {
        this(store, compute, limits, warmupIterations, coldCacheBytes, meters, RegistryListener.NONE);
    }

    /**
     * @param coldCacheBytes the most parameter bytes of loaded versions kept that are neither aliased nor latest
     * @param meters counts swaps and rejections; {@code null} for none
     * @param listener told about every load and every change of the serving version
     */
    public DefaultModelRegistry(ModelStore store, io.seqcast.tensor.ComputeContext compute,
                                io.seqcast.nn.weights.Limits limits, int warmupIterations, long coldCacheBytes,
                                MeterRegistry meters, RegistryListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.loader = new ModelLoader(compute, limits, warmupIterations);
        this.meters = meters;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.cold = new ColdModels(coldCacheBytes);
    }

    public ModelStore store() {
        return store;
    }

    // ------------------------------------------------------------------------------------------
    // Serving

    @Override
    public LoadedModel resolve(ModelReference reference) {
        ModelEntry entry = models.get(reference.name());
        if (entry == null) {
            throw new ModelNotFoundException("no model named '" + reference.name() + "'");
        }
        int version;
        if (reference.version() > 0) {
            version = reference.version();
        } else if (reference.alias() != null) {
            Integer aliased = entry.aliases().get(reference.alias());
            if (aliased == null) {
                if (!entry.aliasKnown(reference.alias())) {
                    throw new ModelUnavailableException(entry.unavailable(reference.alias()));
                }
                throw new ModelNotFoundException("model '" + reference.name() + "' has no alias '" + reference.alias() + "'");
            }
            version = aliased;
        } else {
            version = entry.serving();
            if (version == 0) {
                throw new ModelUnavailableException(entry.unavailable(PRODUCTION));
            }
        }
        LoadedModel model = entry.loaded().get(version);
        return model != null ? model : loadCold(entry, version);
    }

    private LoadedModel loadCold(ModelEntry entry, int version) {
        String label = entry.name() + "@" + version;
        ModelManifest manifest = entry.versions().get(version);
        if (manifest == null) {
            String reason = rejections.get(label);
            throw new ModelNotFoundException(reason != null
                    ? "version " + version + " of model '" + entry.name() + "' was rejected: " + reason
                    : "model '" + entry.name() + "' has no version " + version);
        }
        return cold.get(label, l -> loadFromStore(manifest));
    }

    // ------------------------------------------------------------------------------------------
    // Registering

    @Override
    public LoadedModel register(String name, byte[] weights, ModelManifest manifest) {
        ModelNames.require("model name", name);
        Objects.requireNonNull(weights, "weights");
        if (manifest == null) {
            throw countRejection(name, new InvalidModelException("a manifest (the model card) is required"));
        }
        // Validate and warm up before anything is stored: a bad upload leaves no trace but the counter.
        LoadedModel candidate;
        try {
            candidate = load(manifest.withRegistration(name, 0, null), weights);
        } catch (InvalidModelException e) {
            throw countRejection(name, e);
        }
        writeLock.lock();
        try {
            ModelManifest stored = store.create(name, weights, manifest);
            LoadedModel model = new LoadedModel(name, stored.version(), stored, candidate.model(), Instant.now());
            cold.put(model);
            refresh(name);
            log.info("Registered {} ({} {}x{}, sha256 {})", model.label(), stored.architecture().cell(),
                    stored.architecture().numLayers(), stored.architecture().hiddenSize(), stored.sha256());
            return model;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public LoadedModel register(String name, byte[] weights) {
        ModelNames.require("model name", name);
        SafeTensorsFile file;
        try {
            file = loader.parse(weights, name + " upload");
        } catch (InvalidModelException e) {
            throw countRejection(name, e);
        }
        String json = file.metadata().get(ManifestJson.METADATA_KEY);
        if (json == null) {
            throw countRejection(name, new InvalidModelException("no manifest: send a manifest part, or put the manifest JSON "
                    + "into the safetensors __metadata__ under '" + ManifestJson.METADATA_KEY + "'"));
        }
        ModelManifest manifest;
        try {
            manifest = ManifestJson.read(json);
        } catch (InvalidModelException e) {
            throw countRejection(name, e);
        }
        return register(name, weights, manifest);
    }

    // ------------------------------------------------------------------------------------------
    // Aliases and deletes

    @Override
    public int setAlias(String name, String alias, int version) {
        ModelNames.require("model name", name);
        ModelNames.require("alias", alias);
        writeLock.lock();
        try {
            ModelEntry entry = current(name);
            String label = name + "@" + version;
            ModelManifest manifest = entry.versions().get(version);
            if (manifest == null) {
                String reason = rejections.get(label);
                if (reason != null) {
                    throw new InvalidModelException("version " + version + " of model '" + name + "' failed validation: " + reason);
                }
                throw new ModelNotFoundException("model '" + name + "' has no version " + version);
            }
            int previous = entry.aliases().getOrDefault(alias, 0);
            LoadedModel model = entry.loaded().get(version);
            if (model == null) {
                model = cold.get(label);
            }
            if (model == null) {
                model = loadFromStore(manifest);
            }
            cold.put(model);
            if (entry.unreadableAliases() != null) {
                // The repair: the aliases last read (none when this process never read them) plus this one.
                Map<String, Integer> repaired = new TreeMap<>(entry.aliases());
                repaired.put(alias, version);
                store.replaceAliases(name, repaired);
                log.warn("Rewrote the unreadable aliases of {} as {}", name, repaired);
            } else {
                store.setAlias(name, alias, version);
            }
            refresh(name);
            log.info("Alias {}@{} -> version {} (was {})", name, alias, version, previous == 0 ? "unset" : previous);
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void removeAlias(String name, String alias) {
        ModelNames.require("model name", name);
        ModelNames.require("alias", alias);
        writeLock.lock();
        try {
            requireReadableAliases(current(name));
            if (!store.removeAlias(name, alias)) {
                throw new ModelNotFoundException("model '" + name + "' has no alias '" + alias + "'");
            }
            refresh(name);
            log.info("Alias {}@{} removed", name, alias);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void deleteVersion(String name, int version) {
        ModelNames.require("model name", name);
        writeLock.lock();
        try {
            ModelEntry entry = requireReadableAliases(current(name));
            if (!store.versions(name).contains(version)) {
                throw new ModelNotFoundException("model '" + name + "' has no version " + version);
            }
            List<String> pointing = new ArrayList<>();
            entry.aliases().forEach((a, v) -> {
                if (v == version) {
                    pointing.add(a);
                }
            });
            if (!pointing.isEmpty()) {
                throw new ModelConflictException("version " + version + " of model '" + name + "' is aliased as "
                        + String.join(", ", new TreeSet<>(pointing)) + "; move or delete the alias first");
            }
            if (entry.serving() == version) {
                throw new ModelConflictException("version " + version + " of model '" + name + "' is serving (it is what '"
                        + name + "' resolves to: the latest version, with no production alias); point the production "
                        + "alias at another version first");
            }
            store.deleteVersion(name, version);
            String label = name + "@" + version;
            cold.remove(label);
            refresh(name);
            log.info("Deleted version {}", label);
        } finally {
            writeLock.unlock();
        }
    }

    /** A change that depends on the aliases waits until they can be read (or are rewritten by a PUT). */
    private static ModelEntry requireReadableAliases(ModelEntry entry) {
        if (entry.unreadableAliases() != null) {
            throw new ModelUnavailableException(entry.unreadableAliases());
        }
        return entry;
    }

    /** The entry after a refresh from the store; 404 when the model does not exist. */
    private ModelEntry current(String name) {
        refresh(name);
        ModelEntry entry = models.get(name);
        if (entry == null) {
            throw new ModelNotFoundException("no model named '" + name + "'");
        }
        return entry;
    }

    // ------------------------------------------------------------------------------------------
    // Refreshing from the store: the only place a snapshot is published

    @Override
    public void refresh() {
        writeLock.lock();
        try {
            List<String> names = store.names();
            for (String name : names) {
                try {
                    refresh(name);
                } catch (RuntimeException e) {
                    log.warn("Cannot refresh model {} from the {} store: {}", name, store.describe(), e.toString());
                }
            }
            for (String name : List.copyOf(models.keySet())) {
                if (!names.contains(name)) {
                    refresh(name);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Re-reads one model from the store and publishes a new snapshot if anything changed. */
    public void refresh(String name) {
        writeLock.lock();
        try {
            refreshLocked(name);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Re-reads model {@code name}: its versions' manifests, its aliases, the hot versions loaded (a
     * rejection changes what is hot, the latest, so loading repeats until stable); then publishes the
     * new snapshot if anything changed. Under the write lock.
     */
    private void refreshLocked(String name) {
        SortedSet<Integer> stored = store.versions(name);
        ModelEntry current = models.get(name);
        if (stored.isEmpty()) {
            if (current != null) {
                models.remove(name);
                log.info("Model {} is gone from the store", name);
                notify(() -> listener.servingChanged(name, current.serving(), 0));
            }
            return;
        }
        StoredAliases storedAliases = readAliases(name, current);
        NavigableMap<Integer, ModelManifest> versions = readManifests(name, stored, current);
        ModelEntry.ResolvedAliases aliases;
        Map<Integer, LoadedModel> loaded;
        do {
            aliases = ModelEntry.resolveAliases(name, storedAliases.aliases(), versions, current, rejections,
                    store.describe());
            ModelEntry draft = new ModelEntry(name, versions, aliases.serving(), Map.of(), aliases.broken(),
                    storedAliases.unreadable());
            loaded = loadHot(draft, versions, current);
        } while (loaded == null);
        if (versions.isEmpty()) {
            if (models.remove(name) != null) {
                notify(() -> listener.servingChanged(name, current == null ? 0 : current.serving(), 0));
            }
            return;
        }
        publish(current, new ModelEntry(name, Collections.unmodifiableNavigableMap(versions),
                Collections.unmodifiableMap(aliases.serving()), Map.copyOf(loaded),
                Collections.unmodifiableMap(aliases.broken()), storedAliases.unreadable()));
    }

    /** A model's aliases as stored, or the last read ones with the reason the store could not be read. */
    private record StoredAliases(Map<String, Integer> aliases, String unreadable) {
    }

    private StoredAliases readAliases(String name, ModelEntry current) {
        try {
            return new StoredAliases(store.aliases(name), null);
        } catch (AliasStoreException e) {
            String unreadable = e.getMessage();
            if (current == null || !unreadable.equals(current.unreadableAliases())) {
                log.error("{}", unreadable);
            }
            // Never "no aliases": what was last read stays in force (nothing, in a process that never read them).
            return new StoredAliases(current == null ? Map.of() : current.aliases(), unreadable);
        }
    }

    /**
     * The manifests of the stored versions not rejected: the snapshot's where it has them, else read
     * (a manifest that disagrees with where it is stored rejects its version; one deleted meanwhile or
     * unreadable now is left for the next refresh).
     */
    private NavigableMap<Integer, ModelManifest> readManifests(String name, SortedSet<Integer> stored,
            ModelEntry current) {
        NavigableMap<Integer, ModelManifest> versions = new TreeMap<>();
        for (int v : stored) {
            String label = name + "@" + v;
            if (rejections.containsKey(label)) {
                continue;
            }
            ModelManifest manifest = current == null ? null : current.versions().get(v);
            if (manifest == null) {
                try {
                    manifest = store.manifest(name, v);
                    if (manifest.version() != v || !name.equals(manifest.name())) {
                        throw new InvalidModelException("manifest says " + manifest.name() + "@" + manifest.version()
                                + " but it is stored as " + label);
                    }
                } catch (InvalidModelException e) {
                    reject(label, e.getMessage());
                    continue;
                } catch (ModelNotFoundException | UncheckedIOException e) {
                    continue; // deleted meanwhile or unreadable now: the next refresh sees
                }
            }
            versions.put(v, manifest);
        }
        return versions;
    }

    /**
     * The draft's hot versions, loaded (from the snapshot, the cold cache or the store); null when one
     * cannot be loaded, after removing it from {@code versions} (what is hot then changes: try again).
     */
    private Map<Integer, LoadedModel> loadHot(ModelEntry draft, NavigableMap<Integer, ModelManifest> versions,
            ModelEntry current) {
        Map<Integer, LoadedModel> loaded = new HashMap<>();
        for (int v : draft.hot()) {
            LoadedModel model = current == null ? null : current.loaded().get(v);
            if (model == null) {
                model = cold.get(draft.name() + "@" + v);
            }
            if (model == null) {
                try {
                    model = loadFromStore(versions.get(v));
                } catch (InvalidModelException | ModelNotFoundException | UncheckedIOException e) {
                    versions.remove(v);
                    return null;
                }
            }
            loaded.put(v, model);
        }
        return loaded;
    }

    /** Publishes {@code next} unless it equals {@code current}: the swap, then meters, logs and the listener. */
    private void publish(ModelEntry current, ModelEntry next) {
        String name = next.name();
        if (current != null && current.versions().keySet().equals(next.versions().keySet())
                && current.aliases().equals(next.aliases()) && current.loaded().equals(next.loaded())
                && current.brokenAliases().equals(next.brokenAliases())
                && Objects.equals(current.unreadableAliases(), next.unreadableAliases())) {
            return; // nothing changed: keep the published snapshot
        }
        next.brokenAliases().forEach((alias, why) -> {
            if (current == null || !why.equals(current.brokenAliases().get(alias))) {
                log.error("Model {}, alias {}: {}", name, alias, why);
            }
        });
        models.put(name, next); // the swap
        for (LoadedModel m : next.loaded().values()) {
            cold.remove(m.label()); // hot now: held by the snapshot
        }
        int before = current == null ? 0 : current.serving();
        if (before != next.serving() || current == null || !current.loaded().equals(next.loaded())) {
            if (meters != null) {
                Counter.builder("seqcast.registry.swaps").description("Snapshots of a model published with changed versions")
                        .tag("model", name).register(meters).increment();
            }
        }
        if (before != next.serving()) {
            log.info("Model {} now serves version {}", name, next.serving());
            notify(() -> listener.servingChanged(name, before, next.serving()));
        }
    }

    private LoadedModel loadFromStore(ModelManifest manifest) {
        String label = manifest.name() + "@" + manifest.version();
        byte[] weights = store.weights(manifest.name(), manifest.version());
        try {
            return load(manifest, weights);
        } catch (InvalidModelException e) {
            reject(label, e.getMessage());
            throw e;
        }
    }

    /** {@link ModelLoader#load}, timed and reported to the listener with its outcome. */
    private LoadedModel load(ModelManifest manifest, byte[] weights) {
        long start = System.nanoTime();
        RegistryListener.LoadOutcome outcome = RegistryListener.LoadOutcome.ERROR;
        try {
            LoadedModel model = loader.load(manifest, weights);
            outcome = RegistryListener.LoadOutcome.OK;
            return model;
        } catch (InvalidModelException e) {
            outcome = RegistryListener.LoadOutcome.REJECTED;
            throw e;
        } finally {
            RegistryListener.LoadOutcome result = outcome;
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
            notify(() -> listener.loaded(manifest.name(), result, took));
        }
    }

    /** Runs a listener call; a listener that throws is logged, never allowed to break a change. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("A registry listener failed: {}", e.toString());
        }
    }

    private void reject(String label, String reason) {
        if (rejections.putIfAbsent(label, reason) == null) {
            log.warn("Refused {}: {}", label, reason);
            String name = label.substring(0, label.indexOf('@'));
            countRejection(name, null);
        }
    }

    private InvalidModelException countRejection(String name, InvalidModelException e) {
        if (meters != null) {
            Counter.builder("seqcast.registry.rejections").description("Model versions refused by validation")
                    .tag("model", name).register(meters).increment();
        }
        if (e != null) {
            log.warn("Refused an upload of {}: {}", name, e.getMessage());
        }
        return e;
    }

    // ------------------------------------------------------------------------------------------
    // Browsing

    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> infos = new ArrayList<>();
        new TreeMap<>(models).values().forEach(e -> infos.add(info(e)));
        return infos;
    }

    @Override
    public ModelInfo model(String name) {
        return info(entry(name));
    }

    private ModelEntry entry(String name) {
        ModelNames.require("model name", name);
        ModelEntry entry = models.get(name);
        if (entry == null) {
            throw new ModelNotFoundException("no model named '" + name + "'");
        }
        return entry;
    }

    private ModelInfo info(ModelEntry e) {
        return e.info(rejections);
    }

    @Override
    public List<VersionInfo> versions(String name) {
        return entry(name).versionInfos();
    }

    @Override
    public ModelManifest manifest(String name, int version) {
        ModelManifest m = entry(name).versions().get(version);
        if (m == null) {
            throw new ModelNotFoundException("model '" + name + "' has no version " + version);
        }
        return m;
    }

    @Override
    public byte[] weights(String name, int version) {
        manifest(name, version);
        return store.weights(name, version);
    }
}
