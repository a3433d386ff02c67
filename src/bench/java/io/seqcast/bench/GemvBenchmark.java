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
 * The batch-1 recurrent step of a GRU at hidden 64: y[192] = W_hh[192, 64] h[64] (and the
 * transposed product of the backward pass), single-threaded, average time per call; and
 * {@code packed}: the same product on the packed {@code W_hh^T [64, 192]} the model's batch-1 path
 * uses (a transposed gemv in axpy form).
 * GFLOP/s = 2 * 192 * 64 / (ns per op).
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="GemvBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GemvBenchmark {

    static final int ROWS = 192;
    static final int COLS = 64;

    @Param({"scalar", "vector-256", "vector-512"})
    public String backend;

    private Kernels kernels;
    private float[] w;
    private float[] x;
    private float[] xt;
    private float[] y;
    private float[] yt;

    @Setup
    public void setup() {
        kernels = KernelsProvider.select(backend);
        SplittableRandom rnd = new SplittableRandom(2);
        w = new float[ROWS * COLS];
        x = new float[COLS];
        xt = new float[ROWS];
        y = new float[ROWS];
        yt = new float[COLS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < COLS; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < ROWS; i++) {
            xt[i] = (float) rnd.nextDouble();
        }
    }

    @Benchmark
    public float[] n() {
        kernels.gemv(false, ROWS, COLS, w, 0, COLS, x, 0, 0f, y, 0);
        return y;
    }

    /** y[192] = (W_hh^T)^T h with W_hh^T stored [64, 192]: the packed batch-1 recurrent product. */
    @Benchmark
    public float[] packed() {
        kernels.gemv(true, COLS, ROWS, w, 0, ROWS, x, 0, 0f, y, 0);
        return y;
    }

    @Benchmark
    public float[] t() {
        kernels.gemv(true, ROWS, COLS, w, 0, COLS, xt, 0, 0f, yt, 0);
        return yt;
    }
}
