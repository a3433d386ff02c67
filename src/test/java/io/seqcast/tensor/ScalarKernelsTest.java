package io.seqcast.tensor;

import static io.seqcast.tensor.KernelAsserts.assertClose;
import static io.seqcast.tensor.KernelAsserts.filled;
import static io.seqcast.tensor.KernelAsserts.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The oracle checked against naive double-precision products written from the contract's formulas. */
class ScalarKernelsTest {

    private final Kernels k = ScalarKernels.INSTANCE;

    @Test
    void gemmMatchesDoublePrecisionForAllTransposes() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{1, 1, 1}, {3, 7, 5}, {17, 8, 33}, {7, 17, 1}, {64, 48, 64}};
        float[] betas = {0f, 1f, 0.5f};
        int bi = 0;
        for (int[] s : shapes) {
            int m = s[0], n = s[1], kk = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                float beta = betas[bi++ % betas.length];
                int lda = (ta ? m : kk) + 3, ldb = (tb ? kk : n) + 2, ldc = n + 5;
                int aOff = 4, bOff = 7, cOff = 2;
                float[] a = random(rnd, aOff + (ta ? kk : m) * lda);
                float[] b = random(rnd, bOff + (tb ? n : kk) * ldb);
                float[] c = beta == 0f ? filled(cOff + m * ldc, Float.NaN) : random(rnd, cOff + m * ldc);
                float[] expected = c.clone();
                double[] scale = new double[c.length];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0, abs = 0;
                        for (int p = 0; p < kk; p++) {
                            double av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                            double bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                            sum += av * bv;
                            abs += Math.abs(av * bv);
                        }
                        int ci = cOff + i * ldc + j;
                        if (beta != 0f) {
                            sum += beta * (double) c[ci];
                            abs += Math.abs(beta * (double) c[ci]);
                        }
                        expected[ci] = (float) sum;
                        scale[ci] = abs;
                    }
                }
                k.gemm(ta, tb, m, n, kk, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                assertClose("scalar gemm " + ta + "," + tb + " " + m + "x" + n + "x" + kk + " beta " + beta,
                        expected, c, scale, 1e-6);
            }
        }
    }

    @Test
    void gemvMatchesDoublePrecisionBothWays() {
        SplittableRandom rnd = new SplittableRandom(12);
        int rows = 19, cols = 13, ldw = 16, wOff = 3;
        float[] w = random(rnd, wOff + rows * ldw);
        for (boolean tw : new boolean[] {false, true}) {
            int in = tw ? rows : cols, out = tw ? cols : rows;
            float[] x = random(rnd, 1 + in);
            float[] y = filled(2 + out, Float.NaN);
            float[] expected = y.clone();
            double[] scale = new double[y.length];
            for (int o = 0; o < out; o++) {
                double sum = 0, abs = 0;
                for (int q = 0; q < in; q++) {
                    double t = (tw ? w[wOff + q * ldw + o] : w[wOff + o * ldw + q]) * (double) x[1 + q];
                    sum += t;
                    abs += Math.abs(t);
                }
                expected[2 + o] = (float) sum;
                scale[2 + o] = abs;
            }
            k.gemv(tw, rows, cols, w, wOff, ldw, x, 1, 0f, y, 2);
            assertClose("scalar gemv " + tw, expected, y, scale, 1e-6);
        }
    }

    @Test
    void activationsAreMathRoundedOnce() {
        float[] x = {0f, -0f, 1e-8f, -3f, 20f, -50f, 100f, -100f};
        float[] s = new float[x.length];
        float[] t = new float[x.length];
        k.sigmoid(x.length, x, 0, s, 0);
        k.tanh(x.length, x, 0, t, 0);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) (1 / (1 + Math.exp(-(double) x[i]))), s[i]);
            assertEquals((float) Math.tanh(x[i]), t[i]);
        }
        assertEquals(1f, s[6]);
        assertEquals(-1f, t[5]);
    }
}
