package io.seqcast.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.Limits;
import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.registry.DefaultModelRegistry;
import io.seqcast.registry.FileSystemModelStore;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelManifest;
import io.seqcast.registry.ModelReference;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.Initializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Forecast latency distribution (JMH sample mode: p50, p99...) while the registry swaps versions
 * continuously, against the same without swaps: the serving path is {@code resolve} (a lock-free
 * snapshot read) plus {@code predict} at batch 1 on the workload of record (GRU, input 1, hidden 64,
 * window 64, horizon 12). With {@code swapEveryMillis > 0} a background thread moves the
 * {@code production} alias between versions 1 and 2 of a file-system store at that pace; each move
 * loads, validates and warms up the incoming version (20 passes at batch 1, one at batch 32),
 * replaces the snapshot, and releases the outgoing version.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="HotSwapLatencyBenchmark -f 1 -wi 3 -i 5 -w 2 -r 4"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotSwapLatencyBenchmark {

    static final int HIDDEN = 64;
    static final int WINDOW = 64;
    static final int HORIZON = 12;

    /** Pause between swaps in milliseconds; 0 = no swaps (the baseline). */
    @Param({"0", "10"})
    public int swapEveryMillis;

    private ComputeContext compute;
    private DefaultModelRegistry registry;
    private Path dir;
    private Thread swapper;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong swaps = new AtomicLong();
    private final ModelReference reference = ModelReference.parse("bench");
    private float[] input;
    private float[] out;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        compute = new ComputeContext(KernelsProvider.select("auto"), 1);
        dir = Files.createTempDirectory("seqcast-hotswap-bench");
        registry = new DefaultModelRegistry(new FileSystemModelStore(dir), compute, Limits.DEFAULT, 20, 64L << 20,
                new SimpleMeterRegistry());
        ModelManifest manifest = new ModelManifest("bench", 0, null,
                new ModelManifest.Architecture("GRU", 1, HIDDEN, 1, WINDOW, HORIZON), null, null, Map.of(), null, null,
                null, null, null, "hot-swap benchmark model");
        for (int seed = 1; seed <= 3; seed++) {
            SeqToOneModel model = new SeqToOneModel(new ModelSpec(CellType.GRU, 1, HIDDEN, 1, HORIZON));
            Initializer.pytorchDefault(model, seed);
            registry.register("bench", ModelWeights.toSafeTensors(model, Map.of()), manifest);
        }
        registry.setAlias("bench", "production", 1);
        input = new float[WINDOW];
        for (int t = 0; t < WINDOW; t++) {
            input[t] = (float) Math.sin(0.3 * t);
        }
        out = new float[HORIZON];
        if (swapEveryMillis > 0) {
            swapper = new Thread(() -> {
                int target = 2;
                while (!stop.get()) {
                    registry.setAlias("bench", "production", target);
                    target = 3 - target;
                    swaps.incrementAndGet();
                    try {
                        Thread.sleep(swapEveryMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "swapper");
            swapper.setDaemon(true);
            swapper.start();
        }
    }

    @Benchmark
    public float forecast() {
        LoadedModel model = registry.resolve(reference);
        model.model().predict(compute, input, 1, WINDOW, out);
        return out[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stop.set(true);
        if (swapper != null) {
            swapper.join();
            System.out.println("\nswaps during the trial: " + swaps.get());
        }
        compute.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
