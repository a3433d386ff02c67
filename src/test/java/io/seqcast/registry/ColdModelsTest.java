package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's cache of cold versions (neither aliased nor latest): single load per version, bounded by bytes. */
class ColdModelsTest {

    @TempDir
    Path dir;

    /** Counts the loads of the registry's versions (hot and cold alike). */
    private static final class LoadCounter implements RegistryListener {
        final AtomicInteger loads = new AtomicInteger();

        @Override
        public void loaded(String model, LoadOutcome outcome, Duration took) {
            loads.incrementAndGet();
        }
    }

    @Test
    void concurrentRequestsForOneOldVersionLoadItOnce() throws Exception {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        DefaultModelRegistry writer = TestModels.registry(store);
        writer.register("sales", TestModels.weights(), TestModels.manifest());
        writer.register("sales", TestModels.scaledWeights(0.9f), TestModels.manifest());
        writer.register("sales", TestModels.scaledWeights(0.8f), TestModels.manifest());

        // a fresh registry over the same store: version 1 is cold (neither aliased nor latest), not loaded yet
        LoadCounter counter = new LoadCounter();
        DefaultModelRegistry registry = TestModels.registry(store, counter);
        registry.refresh();
        int loadsAtStart = counter.loads.get();

        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<LoadedModel>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return registry.resolve(ModelReference.parse("sales@1"));
                }));
            }
            go.countDown();
            LoadedModel first = answers.get(0).get(60, TimeUnit.SECONDS);
            for (Future<LoadedModel> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(first.label()).isEqualTo("sales@1");
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter.loads.get() - loadsAtStart).as("loads of sales@1 by %d concurrent requests", threads)
                .isEqualTo(1);
        // and later requests are served from the cache
        registry.resolve(ModelReference.parse("sales@1"));
        assertThat(counter.loads.get() - loadsAtStart).isEqualTo(1);
    }

    @Test
    void theCacheIsBoundedByTheParametersBytes() {
        FileSystemModelStore store = new FileSystemModelStore(dir);
        DefaultModelRegistry writer = TestModels.registry(store);
        for (int i = 0; i < 4; i++) {
            writer.register("sales", TestModels.scaledWeights(1f - 0.1f * i), TestModels.manifest());
        }
        LoadedModel one = writer.resolve(ModelReference.parse("sales@1"));
        int weight = ColdModels.weight(one);
        assertThat(weight).isEqualTo(Float.BYTES * one.model().layout().size());

        ColdModels cold = new ColdModels(2L * weight); // room for two versions
        LoadedModel two = writer.resolve(ModelReference.parse("sales@2"));
        LoadedModel three = writer.resolve(ModelReference.parse("sales@3"));
        cold.put(one);
        cold.put(two);
        assertThat(cold.get(one.label())).isSameAs(one);
        assertThat(cold.get(two.label())).isSameAs(two);
        cold.put(three);
        long kept = List.of(one, two, three).stream().filter(m -> cold.get(m.label()) != null).count();
        assertThat(kept).as("versions kept within two versions' bytes").isEqualTo(2);

        ColdModels tooSmall = new ColdModels(weight - 1L);
        tooSmall.put(one);
        assertThat(tooSmall.get(one.label())).as("a version larger than the bound is not kept").isNull();
    }
}
