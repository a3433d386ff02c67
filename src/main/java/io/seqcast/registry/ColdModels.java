package io.seqcast.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * The registry's loaded versions that are not hot (neither aliased nor latest): on-demand loads of
 * {@code name@v} and versions just validated by register or promote. Bounded by the bytes of their
 * parameters ({@link #weight}); which version goes first is Caffeine's choice (W-TinyLFU: recency and
 * frequency of use); a version asked for by several
 * requests at once is loaded once, the others wait for that load ({@link #get(String, Function)}).
 * Thread-safe. Eviction runs on the calling thread, so the bound holds when a call returns.
 */
final class ColdModels {

    private final Cache<String, LoadedModel> cache;

    /** @param maxBytes the most parameter bytes kept; a single version larger than this is not kept */
    ColdModels(long maxBytes) {
        cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maxBytes))
                .weigher((String label, LoadedModel model) -> weight(model))
                .executor(Runnable::run)
                .build();
    }

    /** The version's float32 parameters in bytes, at least 1 (capped at {@code Integer.MAX_VALUE}). */
    static int weight(LoadedModel model) {
        long bytes = (long) Float.BYTES * model.model().layout().size();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes));
    }

    /** The cached version labelled {@code name@version}, or null. */
    LoadedModel get(String label) {
        return cache.getIfPresent(label);
    }

    /**
     * The cached version, or the one {@code load} returns, cached; concurrent calls for one label run
     * {@code load} once. An exception from {@code load} reaches every waiting caller and nothing is cached.
     */
    LoadedModel get(String label, Function<String, LoadedModel> load) {
        return cache.get(label, load);
    }

    void put(LoadedModel model) {
        cache.put(model.label(), model);
    }

    void remove(String label) {
        cache.invalidate(label);
    }
}
