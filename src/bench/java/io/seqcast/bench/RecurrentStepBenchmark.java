package io.seqcast.bench;

import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pieces of one batch-1 recurrent step at hidden 64 (the workload of record spends 64 of these
 * per forecast): the fused gate kernels alone and a whole GRU/LSTM step as SeqToOneModel runs it
 * (bias copy, packed recurrent gemv, gates). Nanoseconds per step, single-threaded.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="RecurrentStepBenchmark -f 1 -wi 5 -i 10 -w 200ms -r 200ms"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecurrentStepBenchmark {

    static final int H = 64;

    @Param({"vector-256", "vector-512"})
    public String backend;

    private Kernels k;
    private float[] whhT3;   // (H, 3H)
    private float[] whhT4;   // (H, 4H)
    private float[] bias;    // (4H)
    private float[] gx;      // (4H)
    private float[] gh;      // (4H)
    private float[] pre;     // (4H)
    private float[] h;       // (2, H)
    private float[] c;       // (2, H)

    @Setup
    public void setup() {
        k = KernelsProvider.select(backend);
        SplittableRandom rnd = new SplittableRandom(3);
        whhT3 = random(rnd, H * 3 * H, 0.1);
        whhT4 = random(rnd, H * 4 * H, 0.1);
        bias = random(rnd, 4 * H, 0.1);
        gx = random(rnd, 4 * H, 1);
        gh = new float[4 * H];
        pre = new float[4 * H];
        h = random(rnd, 2 * H, 0.5);
        c = random(rnd, 2 * H, 0.5);
    }

    private static float[] random(SplittableRandom rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * scale);
        }
        return a;
    }

    @Benchmark
    public float[] gruGates() {
        k.gruGates(1, H, gx, 0, pre, 0, h, 0, h, H, null, 0);
        return h;
    }

    @Benchmark
    public float[] lstmGates() {
        System.arraycopy(gx, 0, pre, 0, 4 * H);
        k.lstmGates(1, H, pre, 0, c, 0, c, H, h, H);
        return h;
    }

    @Benchmark
    public float[] gruStep() {
        System.arraycopy(bias, 0, gh, 0, 3 * H);
        k.gemv(true, H, 3 * H, whhT3, 0, 3 * H, h, 0, 1f, gh, 0);
        k.gruGates(1, H, gx, 0, gh, 0, h, 0, h, H, null, 0);
        return h;
    }

    @Benchmark
    public float[] lstmStep() {
        System.arraycopy(gx, 0, pre, 0, 4 * H);
        k.gemv(true, H, 4 * H, whhT4, 0, 4 * H, h, 0, 1f, pre, 0);
        k.lstmGates(1, H, pre, 0, c, 0, c, H, h, H);
        return h;
    }
}
