package io.seqcast.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Shared data makers and tolerance checks for the kernel tests. */
final class KernelAsserts {

    private KernelAsserts() {
    }

    static float[] random(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return a;
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * Every element within {@code tol * (1 + scale[i])} of the expected one, where scale is the sum of
     * the magnitudes of the terms that made it (so the bound follows the possible rounding error of
     * any summation order); NaN must match NaN. Fails with the worst element.
     */
    static void assertClose(String what, float[] expected, float[] actual, double[] scale, double tol) {
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a)) {
                if (Float.isNaN(e) != Float.isNaN(a)) {
                    fail(what + ": at " + i + " expected " + e + " but was " + a);
                }
                continue;
            }
            double s = scale == null ? 0 : scale[i];
            double d = Math.abs((double) e - a) / (1 + s);
            if (!(d <= tol) && d > worst) {
                worst = d;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            fail(String.format("%s: max scaled diff %.3g > %.3g at %d: expected %s but was %s",
                    what, worst, tol, worstAt, expected[worstAt], actual[worstAt]));
        }
    }
}
