package io.seqcast.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times one kernel backend on the serving shapes, in a JVM of its own, for {@link WidthMeasurement}:
 * prints the median microseconds of one GRU plus one LSTM layer pass at hidden 64, 64 steps, batch 1
 * (the recurrence the fused kernels run, with random weights of the packed layout).
 *
 * <p>A JVM of its own because the Vector API must run at one width per JVM: once a second width
 * has run, C2 no longer folds the species in the JDK's shared Vector API code and boxes every
 * vector of the code it compiles after that (docs/benchmarks.md).
 *
 * <pre>java --add-modules jdk.incubator.vector -Xbatch -cp CLASSES io.seqcast.tensor.WidthProbe vector-256 [millis]</pre>
 */
public final class WidthProbe {

    static final int HIDDEN = 64;
    static final int STEPS = 64;
    static final int WARM_UP = 300;

    private WidthProbe() {
    }

    public static void main(String[] args) {
        Kernels k = switch (args[0]) {
            case "scalar" -> ScalarKernels.INSTANCE;
            case "vector-256" -> new VectorKernels(256);
            case "vector-512" -> new VectorKernels(512);
            default -> throw new IllegalArgumentException("unknown backend " + args[0]);
        };
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 400;
        System.out.printf(java.util.Locale.ROOT, "%s %.3f%n", k.name(), microsPerPass(k, millis));
    }

    /**
     * Median microseconds of a GRU + LSTM layer pass: {@link #WARM_UP} passes and at least half of
     * {@code millis} of warm-up, then 15 timings over the other half.
     */
    static double microsPerPass(Kernels k, long millis) {
        int block = k.recurrentBlock();
        int hp = (HIDDEN + block - 1) / block * block;
        SplittableRandom random = new SplittableRandom(1);
        float[] gru = random(random, hp * HIDDEN * 3);
        float[] lstm = random(random, hp * HIDDEN * 4);
        float[] gx = random(random, STEPS * 4 * hp);
        float[] bhn = new float[hp];
        float[] state = new float[3 * hp];
        float[] hSeq = new float[STEPS * HIDDEN];
        float[] cSeq = new float[STEPS * HIDDEN];
        // At least WARM_UP passes, so that C2 has compiled the kernels (the probe JVM runs with
        // -Xbatch: compilation happens when due, not later on a starved compiler thread); interpreted,
        // Vector API code is hundreds of times slower and would lose to scalar.
        long end = System.nanoTime() + millis * 500_000L;
        for (int i = 0; i < WARM_UP || System.nanoTime() < end; i++) {
            pass(k, gx, gru, lstm, bhn, state, hSeq, cSeq);
        }
        double[] times = new double[15];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            int reps = 0;
            long stop = t0 + millis * 500_000L / times.length;
            do {
                pass(k, gx, gru, lstm, bhn, state, hSeq, cSeq);
                reps++;
            } while (System.nanoTime() < stop);
            times[i] = (System.nanoTime() - t0) / 1e3 / reps;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static void pass(Kernels k, float[] gx, float[] gru, float[] lstm, float[] bhn, float[] state,
                             float[] hSeq, float[] cSeq) {
        Arrays.fill(state, 0f);
        k.gruSequence(1, HIDDEN, STEPS, gx, gru, bhn, state, hSeq, 0);
        Arrays.fill(state, 0f);
        k.lstmSequence(1, HIDDEN, STEPS, gx, lstm, state, hSeq, 0, cSeq, 0);
    }

    private static float[] random(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((random.nextDouble() - 0.5) * 0.25);
        }
        return a;
    }
}
