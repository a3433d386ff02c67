package io.seqcast.bench;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.Initializer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * The workload of record (docs/benchmarks.md, PERFORMANCE.md): GRU or LSTM, input 1, hidden 64,
 * 1 layer, window 64, a dense head to a horizon of 12, float32, through the same
 * {@code SeqToOneModel.predict} the service uses.
 *
 * <ul>
 *   <li>{@code latency}: one series (batch 1), microseconds per forecast;</li>
 *   <li>{@code batch256}: 256 series per call; series/s = 256 / (seconds per op).</li>
 * </ul>
 * {@code threads} sizes the shared compute pool (batch 1 always runs on the caller's thread).
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="ForecastBenchmark -f 1 -wi 5 -i 5 -w 1 -r 2"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ForecastBenchmark {

    static final int HIDDEN = 64;
    static final int WINDOW = 64;
    static final int HORIZON = 12;
    static final int BATCH = 256;

    @Param({"GRU", "LSTM"})
    public String cell;

    @Param({"scalar", "vector-256", "vector-512"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    private ComputeContext compute;
    private SeqToOneModel model;
    private float[] one;
    private float[] batch;
    private float[] outOne;
    private float[] outBatch;

    @Setup(Level.Trial)
    public void setup() {
        compute = new ComputeContext(KernelsProvider.select(backend), threads);
        model = new SeqToOneModel(new ModelSpec(CellType.parse(cell), 1, HIDDEN, 1, HORIZON));
        Initializer.pytorchDefault(model, 42);
        // As served: the registry's models are frozen, which packs the inference weights once.
        model.freeze();
        SplittableRandom random = new SplittableRandom(7);
        batch = new float[BATCH * WINDOW];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (float) random.nextGaussian();
        }
        one = java.util.Arrays.copyOf(batch, WINDOW);
        outOne = new float[HORIZON];
        outBatch = new float[BATCH * HORIZON];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compute.close();
    }

    @Benchmark
    public float[] latency() {
        model.predict(compute, one, 1, WINDOW, outOne);
        return outOne;
    }

    @Benchmark
    public float[] batch256() {
        model.predict(compute, batch, BATCH, WINDOW, outBatch);
        return outBatch;
    }
}
