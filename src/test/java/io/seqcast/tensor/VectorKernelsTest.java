package io.seqcast.tensor;

import static io.seqcast.tensor.KernelAsserts.assertClose;
import static io.seqcast.tensor.KernelAsserts.filled;
import static io.seqcast.tensor.KernelAsserts.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kernel of {@link VectorKernels}, at both widths, against the {@link ScalarKernels} oracle. */
class VectorKernelsTest {

    private static final int[] SIZES = {1, 7, 8, 17, 64, 1023};
    private static final int[] GEMM_DIMS = {1, 3, 7, 17, 33, 65, 130};
    private static final float[] BETAS = {0f, 1f, 0.5f};
    /** Relative to 1 + sum of |terms|: a few float epsilons times the depth of the sums here. */
    private static final double TOL = 1e-5;

    private final Kernels ref = ScalarKernels.INSTANCE;

    // ---- gemm / gemv

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void gemmAllTransposesOddShapes(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(42);
        int cases = 0;
        for (int m : GEMM_DIMS) {
            for (int n : GEMM_DIMS) {
                for (int k : GEMM_DIMS) {
                    for (int t = 0; t < 4; t++) {
                        checkGemm(v, rnd, (t & 1) != 0, (t & 2) != 0, m, n, k, BETAS[cases++ % 3]);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void gemmRnnShapesAndEdges(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(43);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            for (float beta : BETAS) {
                checkGemm(v, rnd, ta, tb, 256, 192, 64, beta);
                checkGemm(v, rnd, ta, tb, 5, 48, 300, beta); // k spans several k panels
                checkGemm(v, rnd, ta, tb, 4, 4, 0, beta); // k = 0: C = beta * C
                checkGemm(v, rnd, ta, tb, 32, 256, 64, beta); // one batch block's recurrent product (LSTM)
                checkGemm(v, rnd, ta, tb, 13, 96, 9, beta); // an 8-row block, a 4-row block and a ragged row
                checkGemm(v, rnd, ta, tb, 29, 200, 17, beta); // and ragged columns
            }
        }
        checkGemm(v, rnd, false, true, 256, 256, 256, 0f);
    }

    private void checkGemm(Kernels v, SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k, float beta) {
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 5, ldc = n + 2;
        int aOff = 7, bOff = 3, cOff = 5;
        float[] a = random(rnd, aOff + (ta ? k : m) * lda);
        float[] b = random(rnd, bOff + (tb ? n : k) * ldb);
        float[] c = beta == 0f ? filled(cOff + m * ldc + 3, Float.NaN) : random(rnd, cOff + m * ldc + 3);
        float[] expected = c.clone();
        float[] actual = c.clone();
        ref.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        v.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, beta, actual, cOff, ldc);
        double[] scale = new double[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double abs = beta == 0f ? 0 : Math.abs(beta * c[cOff + i * ldc + j]);
                for (int p = 0; p < k; p++) {
                    float av = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    abs += Math.abs(av * bv);
                }
                scale[cOff + i * ldc + j] = abs;
            }
        }
        // Elements outside the m x n block (padding, NaN when beta is 0) must be untouched: NaN == NaN here.
        assertClose(v.name() + " gemm " + (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "x" + n + "x" + k
                + " beta " + beta, expected, actual, scale, TOL);
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void gemvBothWays(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(44);
        int[][] shapes = {{192, 64}, {256, 64}, {64, 192}, {64, 256}, {1, 1}, {7, 17}, {17, 7}, {8, 1023}, {65, 33}, {3, 130}};
        int cases = 0;
        for (int[] s : shapes) {
            int rows = s[0], cols = s[1], ldw = cols + 3, wOff = 2;
            float[] w = random(rnd, wOff + rows * ldw);
            for (boolean tw : new boolean[] {false, true}) {
                for (float beta : BETAS) {
                    int in = tw ? rows : cols, out = tw ? cols : rows;
                    float[] x = random(rnd, 3 + in);
                    float[] y = beta == 0f ? filled(4 + out, Float.NaN) : random(rnd, 4 + out);
                    float[] expected = y.clone();
                    float[] actual = y.clone();
                    ref.gemv(tw, rows, cols, w, wOff, ldw, x, 3, beta, expected, 4);
                    v.gemv(tw, rows, cols, w, wOff, ldw, x, 3, beta, actual, 4);
                    double[] scale = new double[y.length];
                    for (int o = 0; o < out; o++) {
                        double abs = beta == 0f ? 0 : Math.abs(beta * y[4 + o]);
                        for (int q = 0; q < in; q++) {
                            abs += Math.abs((tw ? w[wOff + q * ldw + o] : w[wOff + o * ldw + q]) * x[3 + q]);
                        }
                        scale[4 + o] = abs;
                    }
                    assertClose(v.name() + " gemv " + tw + " " + rows + "x" + cols + " beta " + beta,
                            expected, actual, scale, TOL);
                    cases++;
                }
            }
        }
        assertEquals(shapes.length * 6, cases);
    }

    // ---- element-wise and dot

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void elementwise(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(45);
        for (int n : SIZES) {
            int off = 3;
            float[] a = random(rnd, off + n + 2);
            float[] b = random(rnd, off + n + 5);
            a[off] = Float.NaN; // relu must map NaN to 0 like the reference
            if (n > 1) {
                a[off + 1] = -0f;
            }
            String at = v.name() + " n=" + n;

            float[] e = b.clone(), r = b.clone();
            ref.axpy(n, 0.75f, a, off, e, 5 - 3);
            v.axpy(n, 0.75f, a, off, r, 5 - 3);
            assertClose(at + " axpy", e, r, null, TOL);

            e = filled(n + 1, Float.NaN);
            r = e.clone();
            ref.add(n, a, off, b, 5, e, 1);
            v.add(n, a, off, b, 5, r, 1);
            assertClose(at + " add", e, r, null, 0);
            e = a.clone();
            r = a.clone();
            ref.mul(n, e, off, b, 5, e, off); // out aliases a
            v.mul(n, r, off, b, 5, r, off);
            assertClose(at + " mul aliased", e, r, null, 0);
            e = a.clone();
            r = a.clone();
            ref.scale(n, -1.5f, e, off);
            v.scale(n, -1.5f, r, off);
            assertClose(at + " scale", e, r, null, 0);
            e = a.clone();
            r = a.clone();
            ref.relu(n, e, off, e, off);
            v.relu(n, r, off, r, off);
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(r[i]), at + " relu at " + i);
            }

            float[] c = random(rnd, 4 + 3 * n);
            int cols = n;
            e = c.clone();
            r = c.clone();
            ref.addBias(3, cols, b, 2, e, 4);
            v.addBias(3, cols, b, 2, r, 4);
            assertClose(at + " addBias", e, r, null, 0);

            float[] a2 = random(rnd, off + n);
            double abs = 0;
            for (int i = 0; i < n; i++) {
                abs += Math.abs(a2[off + i] * b[5 + i]);
            }
            float de = ref.dot(n, a2, off, b, 5);
            float dv = v.dot(n, a2, off, b, 5);
            assertTrue(Math.abs(de - dv) <= TOL * (1 + abs), at + " dot " + de + " vs " + dv);
        }
    }

    // ---- activations

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void activationsAtAllSizesWithOffsetsAndAliasing(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(46);
        for (int n : SIZES) {
            float[] x = new float[n + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextDouble() * 24 - 12);
            }
            float[] e = filled(n + 1, Float.NaN), r = e.clone();
            ref.sigmoid(n, x, 3, e, 1);
            v.sigmoid(n, x, 3, r, 1);
            assertClose(v.name() + " sigmoid n=" + n, e, r, null, 2e-7);
            e = x.clone();
            r = x.clone();
            ref.tanh(n, e, 3, e, 3);
            v.tanh(n, r, 3, r, 3);
            assertClose(v.name() + " tanh aliased n=" + n, e, r, null, 2e-7);
        }
    }

    /**
     * Sweeps the whole float range (every 2^11th bit pattern, both signs) plus a dense grid where
     * the functions bend: at most 2e-7 absolute and 4 ulp relative to the double-precision reference;
     * results below the smallest normal float (sigmoid under -87) only need the absolute bound.
     */
    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void activationAccuracyOverTheFloatRange(int bits) {
        Kernels v = new VectorKernels(bits);
        int gridN = 200_000;
        float[] x = new float[2 * (1 << 20) + gridN];
        int n = 0;
        for (int bitsPattern = 0; bitsPattern >= 0 && bitsPattern < 0x7f800000; bitsPattern += 1 << 11) {
            x[n++] = Float.intBitsToFloat(bitsPattern);
            x[n++] = -Float.intBitsToFloat(bitsPattern);
        }
        for (int i = 0; i < gridN; i++) {
            x[n++] = -25f + 50f * i / gridN;
        }
        float[] s = new float[n], t = new float[n];
        v.sigmoid(n, x, 0, s, 0);
        v.tanh(n, x, 0, t, 0);
        double worstS = 0, worstT = 0, worstUlpS = 0, worstUlpT = 0;
        for (int i = 0; i < n; i++) {
            double xd = x[i];
            float es = (float) (1 / (1 + Math.exp(-xd)));
            float et = (float) Math.tanh(xd);
            double ds = Math.abs(es - (double) s[i]);
            double dt = Math.abs(et - (double) t[i]);
            worstS = Math.max(worstS, ds);
            worstT = Math.max(worstT, dt);
            double us = es < Float.MIN_NORMAL ? 0 : ds / Math.ulp(es);
            double ut = Math.abs(et) < Float.MIN_NORMAL ? 0 : dt / Math.ulp(et);
            worstUlpS = Math.max(worstUlpS, us);
            worstUlpT = Math.max(worstUlpT, ut);
            if (!(ds <= 2e-7 && us <= 4)) {
                fail(v.name() + " sigmoid(" + x[i] + ") = " + s[i] + ", expected " + es + " (" + us + " ulp)");
            }
            if (!(dt <= 2e-7 && ut <= 4)) {
                fail(v.name() + " tanh(" + x[i] + ") = " + t[i] + ", expected " + et + " (" + ut + " ulp)");
            }
        }
        System.out.printf("%s over %d inputs: sigmoid max abs %.3g max %.2f ulp; tanh max abs %.3g max %.2f ulp%n",
                v.name(), n, worstS, worstUlpS, worstT, worstUlpT);
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void activationExtremes(int bits) {
        Kernels v = new VectorKernels(bits);
        float[] special = {0f, -0f, 1e-8f, -1e-8f, 20f, -20f, 50f, -50f, 1e4f, -1e4f, Float.NaN, 100f, -100f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MAX_VALUE, 88.5f, -88.5f};
        // Repeat so that every value also lands in a full vector, not only in the scalar tail.
        int n = special.length * 16;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = special[i % special.length];
        }
        float[] s = new float[n], t = new float[n];
        v.sigmoid(n, x, 0, s, 0);
        v.tanh(n, x, 0, t, 0);
        for (int i = 0; i < n; i++) {
            float xi = x[i];
            String at = v.name() + " at x=" + xi + " (i=" + i + ")";
            if (Float.isNaN(xi)) {
                assertTrue(Float.isNaN(s[i]), at);
                assertTrue(Float.isNaN(t[i]), at);
                continue;
            }
            double es = 1 / (1 + Math.exp(-(double) xi));
            assertTrue(Math.abs(es - s[i]) <= 2e-7 && s[i] >= 0f && s[i] <= 1f, at + " sigmoid " + s[i]);
            if (Math.abs(xi) >= 20f) {
                assertEquals(Math.signum(xi), t[i], at + " tanh saturates");
            } else {
                // tanh(+-0) keeps the sign, tanh(1e-8) = 1e-8
                assertEquals((float) Math.tanh(xi), t[i], Math.ulp((float) Math.tanh(xi)), at + " tanh");
                assertEquals(Math.copySign(1f, xi), Math.copySign(1f, t[i]), at + " tanh sign");
            }
            if (xi >= 20f) {
                assertEquals(1f, s[i], at);
            }
            if (xi <= -100f) {
                assertTrue(s[i] < 1e-30f, at);
            }
        }
    }

    // ---- fused gates

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void gruGates(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(47);
        for (int batch : new int[] {1, 3}) {
            for (int hidden : new int[] {1, 7, 8, 17, 64}) {
                for (boolean keep : new boolean[] {true, false}) {
                    int g3 = 3 * hidden;
                    float[] gx = scaled(random(rnd, 2 + batch * g3), 4);
                    float[] gh = scaled(random(rnd, 1 + batch * g3), 4);
                    float[] h = random(rnd, 3 + batch * hidden);
                    float[] he = filled(5 + batch * hidden, Float.NaN), hv = he.clone();
                    float[] ge = keep ? filled(1 + batch * g3, Float.NaN) : null;
                    float[] gv = keep ? ge.clone() : null;
                    ref.gruGates(batch, hidden, gx, 2, gh, 1, h, 3, he, 5, ge, 1);
                    v.gruGates(batch, hidden, gx, 2, gh, 1, h, 3, hv, 5, gv, 1);
                    String at = v.name() + " gru batch " + batch + " hidden " + hidden;
                    assertClose(at + " h", he, hv, null, 1e-6);
                    if (keep) {
                        assertClose(at + " gates", ge, gv, null, 1e-6);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void lstmGates(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(48);
        for (int batch : new int[] {1, 3}) {
            for (int hidden : new int[] {1, 7, 8, 17, 64}) {
                for (boolean aliasC : new boolean[] {false, true}) {
                    int g4 = 4 * hidden;
                    float[] pre = scaled(random(rnd, 2 + batch * g4), 4);
                    float[] preV = pre.clone();
                    float[] c = scaled(random(rnd, 3 + batch * hidden), 2);
                    float[] ce = aliasC ? c.clone() : filled(4 + batch * hidden, Float.NaN);
                    float[] cv = ce.clone();
                    float[] cpe = aliasC ? ce : c, cpv = aliasC ? cv : c;
                    int cpOff = 3, coOff = aliasC ? 3 : 4;
                    float[] he = filled(1 + batch * hidden, Float.NaN), hv = he.clone();
                    ref.lstmGates(batch, hidden, pre, 2, cpe, cpOff, ce, coOff, he, 1);
                    v.lstmGates(batch, hidden, preV, 2, cpv, cpOff, cv, coOff, hv, 1);
                    String at = v.name() + " lstm batch " + batch + " hidden " + hidden + " alias " + aliasC;
                    assertClose(at + " gates", pre, preV, null, 1e-6);
                    assertClose(at + " c", ce, cv, null, 1e-6);
                    assertClose(at + " h", he, hv, null, 1e-6);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 512})
    void lstmGatesBackward(int bits) {
        Kernels v = new VectorKernels(bits);
        SplittableRandom rnd = new SplittableRandom(49);
        for (int batch : new int[] {1, 3}) {
            for (int hidden : new int[] {1, 7, 8, 17, 64}) {
                int g4 = 4 * hidden;
                // Activated gates in (0, 1) for i, f, o and (-1, 1) for g, as the forward pass leaves them.
                float[] gates = random(rnd, 2 + batch * g4);
                for (int k = 0; k < gates.length; k++) {
                    gates[k] = Math.abs(gates[k]) % 1f;
                }
                float[] tanhC = random(rnd, 1 + batch * hidden);
                float[] cPrev = scaled(random(rnd, 3 + batch * hidden), 2);
                float[] dh = random(rnd, 4 + batch * hidden);
                float[] dcE = random(rnd, 5 + batch * hidden);
                float[] dcV = dcE.clone();
                float[] dgE = filled(6 + batch * g4, Float.NaN);
                float[] dgV = dgE.clone();
                ref.lstmGatesBackward(batch, hidden, gates, 2, tanhC, 1, cPrev, 3, dh, 4, dcE, 5, dgE, 6);
                v.lstmGatesBackward(batch, hidden, gates, 2, tanhC, 1, cPrev, 3, dh, 4, dcV, 5, dgV, 6);
                String at = v.name() + " lstm backward batch " + batch + " hidden " + hidden;
                assertClose(at + " dGates", dgE, dgV, null, 1e-6);
                assertClose(at + " dc", dcE, dcV, null, 1e-6);
            }
        }
    }

    private static float[] scaled(float[] a, float f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
        return a;
    }
}
