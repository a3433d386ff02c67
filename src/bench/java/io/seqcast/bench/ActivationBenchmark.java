package io.seqcast.bench;

import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * sigmoid and tanh over 1024 floats in [-8, 8]: the kernels' hand-written polynomial versions
 * ({@code vector-256}, {@code vector-512}) against the JDK's {@code lanewise(EXP / TANH)} (SVML
 * stubs on x86; {@code svml-256}, {@code svml-512}), which decided the approach in VectorActivations.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="ActivationBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ActivationBenchmark {

    static final int N = 1024;
    static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;

    @Param({"vector-256", "svml-256", "vector-512", "svml-512"})
    public String impl;

    private Kernels kernels;
    private float[] x;
    private float[] out;

    @Setup
    public void setup() {
        kernels = impl.startsWith("svml") ? null : KernelsProvider.select(impl);
        SplittableRandom rnd = new SplittableRandom(3);
        x = new float[N];
        out = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (rnd.nextDouble() * 16 - 8);
        }
    }

    @Benchmark
    public float[] sigmoid() {
        if (kernels != null) {
            kernels.sigmoid(N, x, 0, out, 0);
        } else if (impl.equals("svml-256")) {
            for (int i = 0; i < N; i += S256.length()) {
                FloatVector e = FloatVector.fromArray(S256, x, i).neg().lanewise(VectorOperators.EXP);
                FloatVector.broadcast(S256, 1f).div(e.add(1f)).intoArray(out, i);
            }
        } else {
            for (int i = 0; i < N; i += S512.length()) {
                FloatVector e = FloatVector.fromArray(S512, x, i).neg().lanewise(VectorOperators.EXP);
                FloatVector.broadcast(S512, 1f).div(e.add(1f)).intoArray(out, i);
            }
        }
        return out;
    }

    @Benchmark
    public float[] tanh() {
        if (kernels != null) {
            kernels.tanh(N, x, 0, out, 0);
        } else if (impl.equals("svml-256")) {
            for (int i = 0; i < N; i += S256.length()) {
                FloatVector.fromArray(S256, x, i).lanewise(VectorOperators.TANH).intoArray(out, i);
            }
        } else {
            for (int i = 0; i < N; i += S512.length()) {
                FloatVector.fromArray(S512, x, i).lanewise(VectorOperators.TANH).intoArray(out, i);
            }
        }
        return out;
    }
}
