package io.seqcast.bench;

import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-threaded sgemm, C[n,n] = A[n,n] * op(B)[n,n], n = 256. One "operation" is one multiply-add,
 * so JMH's ops/us x 2 / 1000 = GFLOP/s (each invocation counts n^3 operations via
 * {@code @OperationsPerInvocation}).
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="SgemmBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SgemmBenchmark {

    static final int N = 256;

    @Param({"scalar", "vector-256", "vector-512"})
    public String backend;

    private Kernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        kernels = KernelsProvider.select(backend);
        SplittableRandom rnd = new SplittableRandom(1);
        a = new float[N * N];
        b = new float[N * N];
        c = new float[N * N];
        for (int i = 0; i < N * N; i++) {
            a[i] = (float) rnd.nextDouble();
            b[i] = (float) rnd.nextDouble();
        }
    }

    /** B stored [n, k]: the forward product with PyTorch-layout weights. */
    @Benchmark
    @OperationsPerInvocation(N * N * N)
    public float[] nt() {
        kernels.gemm(false, true, N, N, N, a, 0, N, b, 0, N, 0f, c, 0, N);
        return c;
    }

    @Benchmark
    @OperationsPerInvocation(N * N * N)
    public float[] nn() {
        kernels.gemm(false, false, N, N, N, a, 0, N, b, 0, N, 0f, c, 0, N);
        return c;
    }
}
