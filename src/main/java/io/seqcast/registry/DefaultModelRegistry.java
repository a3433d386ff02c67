package io.seqcast.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.seqcast.nn.weights.SafeTensorsFile;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
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
 * {@code name@3}) is loaded on demand into a small cache of the most recently loaded cold
 * versions ({@code coldCacheSize}), so memory stays bounded however many versions pile up.
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
    private final int coldCacheSize;

    // The published snapshots: name -> immutable entry. Written under writeLock, read without a lock.
    private final ConcurrentHashMap<String, ModelEntry> models = new ConcurrentHashMap<>();
    // name@version -> reason, for versions that failed validation.
    private final ConcurrentHashMap<String, String> rejections = new ConcurrentHashMap<>();
    // Loaded versions that are not hot: on-demand loads and versions just validated by register/promote.
    private final ConcurrentHashMap<String, LoadedModel> cold = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> coldOrder = new ConcurrentLinkedDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();

    public DefaultModelRegistry(ModelStore store, io.seqcast.tensor.ComputeContext compute,
                                io.seqcast.nn.weights.Limits limits, int warmupIterations, int coldCacheSize,
                                MeterRegistry meters) {
        this(store, compute, limits, warmupIterations, coldCacheSize, meters, RegistryListener.NONE);
    }

    /**
     * @param meters counts swaps and rejections; {@code null} for none
     * @param listener told about every load and every change of the serving version
     */
    public DefaultModelRegistry(ModelStore store, io.seqcast.tensor.ComputeContext compute,
                                io.seqcast.nn.weights.Limits limits, int warmupIterations, int coldCacheSize,
                                MeterRegistry meters, RegistryListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.loader = new ModelLoader(compute, limits, warmupIterations);
        this.meters = meters;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.coldCacheSize = Math.max(1, coldCacheSize);
    }

    public ModelStore store() {
        return store;
    }

    /**
     * One model's published state.
     *
     * @param versions valid versions (never the rejected ones) with their manifests
     * @param aliases alias to version, each pointing into {@code versions}: the stored target, or the
     *     last good one while the stored target cannot be served
     * @param loaded the hot versions, loaded and warmed up
     * @param brokenAliases alias to why its stored target cannot be served
     * @param unreadableAliases why the store cannot read the aliases; {@code null} when it can
     */
    record ModelEntry(String name, NavigableMap<Integer, ModelManifest> versions, Map<String, Integer> aliases,
                      Map<Integer, LoadedModel> loaded, Map<String, String> brokenAliases, String unreadableAliases) {

        /**
         * What a bare name resolves to: {@code production}, else the latest version; 0 when nothing may
         * serve (no version, or a {@code production} that cannot be served or read).
         */
        int serving() {
            Integer production = aliases.get(PRODUCTION);
            if (production != null) {
                return production;
            }
            if (!aliasKnown(PRODUCTION)) {
                return 0;
            }
            return versions.isEmpty() ? 0 : versions.lastKey();
        }

        /** Whether the absence of {@code alias} from {@link #aliases} can be trusted. */
        boolean aliasKnown(String alias) {
            return unreadableAliases == null && !brokenAliases.containsKey(alias);
        }

        /** Why {@code alias} cannot be served (it is broken or unreadable and has no last good version). */
        String unavailable(String alias) {
            String broken = brokenAliases.get(alias);
            return broken != null
                    ? "model '" + name + "' cannot serve its " + alias + " alias: " + broken
                    : "model '" + name + "' cannot serve its " + alias + " alias: " + unreadableAliases;
        }

        /** Every fault, for {@link ModelInfo#problems()}. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (unreadableAliases != null) {
                problems.add(unreadableAliases + (aliases.isEmpty() ? ""
                        : "; the aliases last read stay in force: " + aliases));
            }
            brokenAliases.forEach((alias, why) -> problems.add("alias " + alias + ": " + why));
            return problems;
        }

        Set<Integer> hot() {
            Set<Integer> hot = new TreeSet<>(aliases.values());
            if (!versions.isEmpty()) {
                hot.add(versions.lastKey());
            }
            return hot;
        }
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
        LoadedModel model = cold.get(label);
        if (model != null) {
            return model;
        }
        model = loadFromStore(manifest);
        remember(model);
        return model;
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
            remember(model);
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
            remember(model);
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
        Map<String, Integer> storedAliases;
        String unreadableAliases = null;
        try {
            storedAliases = store.aliases(name);
        } catch (AliasStoreException e) {
            unreadableAliases = e.getMessage();
            // Never "no aliases": what was last read stays in force (nothing, in a process that never read them).
            storedAliases = current == null ? Map.of() : current.aliases();
            if (current == null || !unreadableAliases.equals(current.unreadableAliases())) {
                log.error("{}", unreadableAliases);
            }
        }

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

        // Load the hot versions; a rejection changes what is hot (the latest), so repeat until stable.
        Map<String, Integer> aliases;
        Map<String, String> broken;
        Map<Integer, LoadedModel> loaded;
        while (true) {
            aliases = new TreeMap<>();
            broken = new TreeMap<>();
            for (Map.Entry<String, Integer> a : storedAliases.entrySet()) {
                int target = a.getValue();
                if (versions.containsKey(target)) {
                    aliases.put(a.getKey(), target);
                    continue;
                }
                Integer lastGood = current == null ? null : current.aliases().get(a.getKey());
                boolean keep = lastGood != null && versions.containsKey(lastGood);
                if (keep) {
                    aliases.put(a.getKey(), lastGood);
                }
                String rejected = rejections.get(name + "@" + target);
                broken.put(a.getKey(), "it points at version " + target + ", which cannot be served ("
                        + (rejected != null ? rejected : "it is not in the " + store.describe() + " store or cannot be read")
                        + "); " + (keep ? "version " + lastGood + ", the last good one, serves meanwhile"
                        : "no good version of it was loaded in this process, so it answers 503")
                        + " until the alias is moved");
            }
            ModelEntry draft = new ModelEntry(name, versions, aliases, Map.of(), broken, unreadableAliases);
            loaded = new HashMap<>();
            boolean stable = true;
            for (int v : draft.hot()) {
                String label = name + "@" + v;
                LoadedModel model = current == null ? null : current.loaded().get(v);
                if (model == null) {
                    model = cold.get(label);
                }
                if (model == null) {
                    try {
                        model = loadFromStore(versions.get(v));
                    } catch (InvalidModelException e) {
                        versions.remove(v);
                        stable = false;
                        break;
                    } catch (ModelNotFoundException | UncheckedIOException e) {
                        versions.remove(v);
                        stable = false;
                        break;
                    }
                }
                loaded.put(v, model);
            }
            if (stable) {
                break;
            }
        }
        if (versions.isEmpty()) {
            if (models.remove(name) != null) {
                notify(() -> listener.servingChanged(name, current == null ? 0 : current.serving(), 0));
            }
            return;
        }
        ModelEntry next = new ModelEntry(name, Collections.unmodifiableNavigableMap(versions),
                Collections.unmodifiableMap(aliases), Map.copyOf(loaded), Collections.unmodifiableMap(broken),
                unreadableAliases);
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
        for (LoadedModel m : loaded.values()) {
            forget(m.label()); // hot now: held by the snapshot
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

    private void remember(LoadedModel model) {
        if (cold.put(model.label(), model) == null) {
            coldOrder.addLast(model.label());
        }
        while (cold.size() > coldCacheSize) {
            String oldest = coldOrder.pollFirst();
            if (oldest == null) {
                break;
            }
            cold.remove(oldest);
        }
    }

    private void forget(String label) {
        if (cold.remove(label) != null) {
            coldOrder.remove(label);
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
        List<Rejection> rejected = new ArrayList<>();
        String prefix = e.name() + "@";
        rejections.forEach((label, reason) -> {
            if (label.startsWith(prefix)) {
                rejected.add(new Rejection(Integer.parseInt(label.substring(prefix.length())), reason));
            }
        });
        rejected.sort((a, b) -> Integer.compare(a.version(), b.version()));
        return new ModelInfo(e.name(), List.copyOf(e.versions().keySet()), e.versions().lastKey(), e.serving(),
                new LinkedHashMap<>(e.aliases()), rejected, e.problems());
    }

    @Override
    public List<VersionInfo> versions(String name) {
        ModelEntry e = entry(name);
        List<VersionInfo> infos = new ArrayList<>();
        e.versions().forEach((v, m) -> {
            List<String> aliases = new ArrayList<>();
            e.aliases().forEach((a, t) -> {
                if (t.equals(v)) {
                    aliases.add(a);
                }
            });
            Collections.sort(aliases);
            infos.add(new VersionInfo(v, m.sha256(), m.createdAt(), m.architecture().cell(), aliases,
                    e.loaded().containsKey(v)));
        });
        return infos;
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
