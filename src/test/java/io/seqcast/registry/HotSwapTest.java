package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot-swap contract under load: 1,000 promotions while forecasting threads resolve and predict
 * without a lock; no request fails, and every replaced version becomes garbage.
 */
class HotSwapTest {

    @TempDir
    Path dir;

    @Test
    void thousandSwapsUnderConcurrentForecastsFailNoRequestAndReleaseEveryReplacedVersion() throws Exception {
        DefaultModelRegistry registry = TestModels.registry(new FileSystemModelStore(dir));
        registry.register("sales", TestModels.weights(), TestModels.manifest());
        registry.register("sales", TestModels.scaledWeights(0.5f), TestModels.manifest());
        registry.register("sales", TestModels.scaledWeights(0.8f), TestModels.manifest()); // latest, always hot
        registry.setAlias("sales", "production", 1);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ModelReference reference = ModelReference.parse("sales");
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Thread t = new Thread(() -> {
                float[] input = ModelLoader.canary(1, 12, 1);
                float[] out = new float[4];
                while (!stop.get()) {
                    try {
                        LoadedModel model = registry.resolve(reference);
                        model.model().predict(TestModels.compute(), input, 1, 12, out);
                        for (float v : out) {
                            if (!Float.isFinite(v)) {
                                throw new AssertionError(model.label() + " forecast " + v);
                            }
                        }
                        if (model.version() != 1 && model.version() != 2) {
                            throw new AssertionError("served " + model.label());
                        }
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                    requests.incrementAndGet();
                }
            }, "forecast-client-" + c);
            t.start();
            clients.add(t);
        }

        // Weak references to every model that served, taken between swaps.
        IdentityHashMap<LoadedModel, Boolean> seen = new IdentityHashMap<>();
        List<WeakReference<LoadedModel>> served = new ArrayList<>();
        for (int swap = 1; swap <= 1000; swap++) {
            registry.setAlias("sales", "production", swap % 2 == 0 ? 1 : 2);
            LoadedModel now = registry.resolve(reference);
            assertThat(now.version()).isEqualTo(swap % 2 == 0 ? 1 : 2);
            if (seen.put(now, Boolean.TRUE) == null) {
                served.add(new WeakReference<>(now));
            }
            now = null;
        }
        stop.set(true);
        for (Thread t : clients) {
            t.join();
        }
        seen.clear();

        assertThat(failures.get()).as("failed requests (first: %s)", firstFailure.get()).isZero();
        assertThat(requests.get()).isGreaterThan(1000);
        // Each promotion loaded the other version afresh (only hot versions stay loaded).
        assertThat(served).hasSizeGreaterThanOrEqualTo(1000);

        long alive = Long.MAX_VALUE;
        for (int i = 0; i < 20 && alive > 2; i++) {
            System.gc();
            Thread.sleep(50);
            alive = served.stream().filter(r -> r.get() != null).count();
        }
        // Only what the registry still holds (the serving version; a cold-cache entry at most) survives.
        assertThat(alive).as("versions still reachable after 1,000 swaps").isLessThanOrEqualTo(2);
        System.out.printf("hot-swap: %d swaps, %d requests, 0 failures, %d of %d replaced versions still reachable%n",
                1000, requests.get(), alive, served.size());
    }
}
