package io.seqcast.registry;

import io.seqcast.registry.ModelAdministration.ModelInfo;
import io.seqcast.registry.ModelAdministration.Rejection;
import io.seqcast.registry.ModelAdministration.VersionInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One model's published state in {@link DefaultModelRegistry}: an immutable snapshot, replaced whole.
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
        Integer production = aliases.get(DefaultModelRegistry.PRODUCTION);
        if (production != null) {
            return production;
        }
        if (!aliasKnown(DefaultModelRegistry.PRODUCTION)) {
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

    /** The model's description for {@link ModelAdministration#model}, with its rejected versions. */
    ModelInfo info(Map<String, String> rejections) {
        List<Rejection> rejected = new ArrayList<>();
        String prefix = name + "@";
        rejections.forEach((label, reason) -> {
            if (label.startsWith(prefix)) {
                rejected.add(new Rejection(Integer.parseInt(label.substring(prefix.length())), reason));
            }
        });
        rejected.sort((a, b) -> Integer.compare(a.version(), b.version()));
        return new ModelInfo(name, List.copyOf(versions.keySet()), versions.lastKey(), serving(),
                new LinkedHashMap<>(aliases), rejected, problems());
    }

    /** Each version's description for {@link ModelAdministration#versions}, with the aliases pointing at it. */
    List<VersionInfo> versionInfos() {
        List<VersionInfo> infos = new ArrayList<>();
        versions.forEach((v, m) -> {
            List<String> pointing = new ArrayList<>();
            aliases.forEach((a, t) -> {
                if (t.equals(v)) {
                    pointing.add(a);
                }
            });
            Collections.sort(pointing);
            infos.add(new VersionInfo(v, m.sha256(), m.createdAt(), m.architecture().cell(), pointing,
                    loaded.containsKey(v)));
        });
        return infos;
    }

    /**
     * The aliases that serve and why the broken ones are: an alias whose stored target is not among
     * {@code versions} keeps the last good version {@code current} served through it, if any.
     */
    record ResolvedAliases(Map<String, Integer> serving, Map<String, String> broken) {
    }

    static ResolvedAliases resolveAliases(String name, Map<String, Integer> storedAliases,
            NavigableMap<Integer, ModelManifest> versions, ModelEntry current, Map<String, String> rejections,
            String storeDescription) {
        Map<String, Integer> aliases = new TreeMap<>();
        Map<String, String> broken = new TreeMap<>();
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
                    + (rejected != null ? rejected : "it is not in the " + storeDescription + " store or cannot be read")
                    + "); " + (keep ? "version " + lastGood + ", the last good one, serves meanwhile"
                    : "no good version of it was loaded in this process, so it answers 503")
                    + " until the alias is moved");
        }
        return new ResolvedAliases(aliases, broken);
    }
}
