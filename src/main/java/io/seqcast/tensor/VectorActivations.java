package io.seqcast.tensor;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * sigmoid, tanh, the GRU/LSTM gates and the fused GRU/LSTM layer kernels on the Vector API; a
 * template specialized per width by {@link SpeciesSpecializer} (contracts in {@link Kernels}).
 *
 * <p>The fused layer kernels ({@link Kernels#gruSequence}, {@link Kernels#lstmSequence}) read the
 * recurrent weights packed in blocks of {@code B = 2L} units ({@code L} lanes), each block
 * {@code [H][G][B]}: for one previous-state element {@code h[r]} the block's G gate rows sit next to
 * each other, so one {@code r} is {@code 2G} contiguous loads and {@code 2G} FMAs into accumulators
 * that stay in registers for the whole product (6 for the GRU, 8 for the LSTM: enough independent
 * chains to cover the FMA latency), stored once per step into a per-thread {@code [batch, G, hp]}
 * array that stays in L1; the gates then run as a few array passes over it (sigmoid, tanh, the state
 * update) and write the new state: one pass over the weights per step, no allocation, no virtual
 * call per step. Rows of a batch go four at a time (each weight load feeds four rows; 4G
 * accumulators, one vector per gate and row), the rest one at a time.
 *
 * <p>No method here takes or returns a vector: every one works on arrays. A vector that crosses a
 * call C2 did not inline is boxed (an allocation per call and no SIMD), and whether C2 inlines a
 * helper depends on the caller's remaining inlining budget and on what was compiled first, so it
 * differed from one JVM fork to the next (see {@link #sigmoid}).
 *
 * <p>The transcendental functions are hand-written rather than {@code lanewise(EXP/TANH)} (SVML):
 * ActivationBenchmark here (JDK 17, 1024 floats) gave tanh 0.87 us vs 1.93 us at 256 bits and
 * 0.79 vs 1.68 at 512; sigmoid 0.59 vs 0.55 at 256 (a tie within noise) and 0.45 vs 0.82 at 512. exp is
 * Cephes' {@code expf} scheme: {@code x = n ln2 + r} with a two-part ln2 (Cody-Waite), a degree-5
 * polynomial on {@code |r| <= ln2/2}, and {@code 2^n} built in the exponent bits; a few ulp. Then
 * {@code sigmoid = 1 / (1 + exp(-x))} and {@code tanh = 1 - 2 / (exp(2|x|) + 1)} with the sign copied
 * back; below {@code |x| = 0.625}, where that form cancels, tanh is Cephes' odd polynomial
 * {@code x + x^3 P(x^2)}. Saturation comes out of IEEE arithmetic (exp overflowing to infinity gives
 * exactly 0, 1 or -1), NaN propagates through every step, and the sign of zero is kept.
 *
 * <p>Tails shorter than a vector use the scalar reference formulas.
 */
final class VectorActivations implements VectorKernels.Activations {

    static final VectorSpecies<Float> S = SpeciesSpecializer.species(MethodHandles.lookup());
    private static final int L = S.length();
    /**
     * The int species of the same shape, as a constant: exp builds 2^n in the exponent bits through
     * {@code reinterpretShape(IS, 0)}, which looks nothing up, rather than {@code reinterpretAsInts()},
     * which finds the species at run time through branches of the JDK's shared code. (This alone did
     * not stop the second vector width run in a JVM from being boxed: docs/benchmarks.md.)
     */
    private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
    /** Per-thread scratch for one row of GRU gates at inference (grown, never shrunk). */
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();
    /** Units per packed block of the fused recurrent kernels. */
    private static final int B = 2 * L;
    /** Rows of a batch tile of the fused recurrent kernels. */
    private static final int TILE = 4;
    /** Per-thread pre-activations of one step of the fused kernels, (batch, G, hp) (grown, never shrunk). */
    private static final ThreadLocal<float[]> PRE = new ThreadLocal<>();

    private static final float LOG2E = 1.44269504088896341f;
    /** ln2 = LN2_HI + LN2_LO; LN2_HI has 9 significant bits, so n * LN2_HI is exact for |n| <= 128. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds to an integer and leaves that integer in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    /**
     * Clamp of the exp argument: at the top 2^128 becomes +infinity (the saturated answer we want from
     * sigmoid and tanh); at the bottom 2^-126 stays a normal float and the bit trick stays valid
     * (true results below it are subnormal; 1 + tiny rounds to 1 either way).
     */
    private static final float EXP_HI = 88.8f;
    private static final float EXP_LO = -87.3f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    /** Below this |x|, tanh uses the odd polynomial. */
    private static final float TANH_SMALL = 0.625f;
    private static final float T0 = -5.70498872745e-3f;
    private static final float T1 = 2.06390887954e-2f;
    private static final float T2 = -5.37397155531e-2f;
    private static final float T3 = 1.33314422036e-1f;
    private static final float T4 = -3.33332819422e-1f;

    VectorActivations() {
    }

    private static float scalarTanh(float x) {
        return (float) Math.tanh(x);
    }

    /**
     * The exp polynomial is written out in this loop and in {@link #tanh}'s rather than called: a
     * helper that takes or returns a vector is inlined by C2 only while the caller's inlining budget
     * lasts ("callee is too large", "already compiled into a big method", NodeCountInliningCutoff in
     * -XX:+PrintInlining), and where it is not, every vector crossing the call is boxed: that is what
     * made some JVM forks allocate tens of megabytes per batched forecast and run several times slower.
     * Loops that only take arrays cannot fail that way.
     */
    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            // e = exp(-x), as exp below; then 1 / (1 + e).
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).neg().max(EXP_LO).min(EXP_HI);
            FloatVector t = v.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_MAGIC));
            FloatVector k = t.sub(ROUND_MAGIC);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), v);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector z = r.mul(r);
            FloatVector p = r.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1));
            p = p.fma(r, FloatVector.broadcast(S, P2));
            p = p.fma(r, FloatVector.broadcast(S, P3));
            p = p.fma(r, FloatVector.broadcast(S, P4));
            p = p.fma(r, FloatVector.broadcast(S, P5));
            p = p.fma(z, r).add(one);
            IntVector bits = ((IntVector) t.reinterpretShape(IS, 0)).lanewise(VectorOperators.LSHL, 23).add(127 << 23);
            FloatVector e = p.mul((FloatVector) bits.reinterpretShape(S, 0));
            one.div(e.add(one)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = ScalarKernels.sigmoid(x[xOff + i]);
        }
    }

    /**
     * e^x (Cephes' expf: {@code x = k ln2 + r} with a two-part ln2, a degree-5 polynomial on
     * {@code |r| <= ln2/2}, {@code 2^k} built in the exponent bits; the low 9 bits of {@code t}'s
     * mantissa are k, shifted into the exponent field and biased by 127), then tanh as the class
     * comment says. max/min keep NaN, which then flows through to the result.
     */
    @Override
    public void tanh(int n, float[] x, int xOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
            FloatVector ax = xv.abs();
            FloatVector v = ax.add(ax).max(EXP_LO).min(EXP_HI);
            FloatVector t = v.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_MAGIC));
            FloatVector k = t.sub(ROUND_MAGIC);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), v);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector z = r.mul(r);
            FloatVector p = r.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1));
            p = p.fma(r, FloatVector.broadcast(S, P2));
            p = p.fma(r, FloatVector.broadcast(S, P3));
            p = p.fma(r, FloatVector.broadcast(S, P4));
            p = p.fma(r, FloatVector.broadcast(S, P5));
            p = p.fma(z, r).add(one);
            IntVector bits = ((IntVector) t.reinterpretShape(IS, 0)).lanewise(VectorOperators.LSHL, 23).add(127 << 23);
            FloatVector e = p.mul((FloatVector) bits.reinterpretShape(S, 0));
            FloatVector big = one.sub(FloatVector.broadcast(S, 2f).div(e.add(one)));
            FloatVector x2 = ax.mul(ax);
            FloatVector q = x2.fma(FloatVector.broadcast(S, T0), FloatVector.broadcast(S, T1));
            q = q.fma(x2, FloatVector.broadcast(S, T2));
            q = q.fma(x2, FloatVector.broadcast(S, T3));
            q = q.fma(x2, FloatVector.broadcast(S, T4));
            FloatVector small = q.mul(x2).fma(ax, ax);
            FloatVector res = big.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
            // copysign(res, x): res is >= 0 or NaN, so OR-ing in the sign bit of x is enough.
            IntVector sign = ((IntVector) xv.reinterpretShape(IS, 0)).and(0x80000000);
            ((FloatVector) ((IntVector) res.reinterpretShape(IS, 0)).or(sign).reinterpretShape(S, 0))
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = scalarTanh(x[xOff + i]);
        }
    }

    /**
     * The gates run as a few simple loops per row, each with at most one transcendental function,
     * not as one fused loop: C2 stopped inlining exp/tanh into the fused loop body (its inlining
     * budget), the vectors were boxed at those calls, and the GRU gates allocated 1 KiB per row and
     * step (the LSTM 3 KiB), which made them, and the whole batched forecast, several times slower.
     * Each loop here is as small as the plain sigmoid/tanh loops, which C2 compiles without boxing.
     */
    @Override
    public void gruGates(int batch, int hidden, float[] gx, int gxOff, float[] gh, int ghOff,
                         float[] hPrev, int hPrevOff, float[] hOut, int hOutOff, float[] gates, int gatesOff) {
        int g3 = 3 * hidden;
        // r, z, n of one row: into gates when the backward pass keeps them, else a per-thread scratch row.
        float[] s = gates != null ? gates : scratch(SCRATCH, g3);
        for (int bt = 0; bt < batch; bt++) {
            int xr = gxOff + bt * g3;
            int hr = ghOff + bt * g3;
            int so = gates != null ? gatesOff + bt * g3 : 0;
            // r, z = sigmoid(gx + gh) over the first 2H
            addTo(2 * hidden, gx, xr, gh, hr, s, so);
            sigmoid(2 * hidden, s, so, s, so);
            // n = tanh(gx_n + r * gh_n)
            fmaTo(hidden, gh, hr + 2 * hidden, s, so, gx, xr + 2 * hidden, s, so + 2 * hidden);
            tanh(hidden, s, so + 2 * hidden, s, so + 2 * hidden);
            interpolate(hidden, s, so + hidden, s, so + 2 * hidden, hPrev, hPrevOff + bt * hidden,
                    hOut, hOutOff + bt * hidden);
        }
    }

    @Override
    public void lstmGates(int batch, int hidden, float[] pre, int preOff, float[] cPrev, int cPrevOff,
                          float[] cOut, int cOutOff, float[] hOut, int hOutOff) {
        int g4 = 4 * hidden;
        for (int bt = 0; bt < batch; bt++) {
            int row = preOff + bt * g4;
            // i, f = sigmoid; g = tanh; o = sigmoid: activated in place (the backward pass keeps them).
            sigmoid(2 * hidden, pre, row, pre, row);
            tanh(hidden, pre, row + 2 * hidden, pre, row + 2 * hidden);
            sigmoid(hidden, pre, row + 3 * hidden, pre, row + 3 * hidden);
            lstmState(hidden, pre, row, cPrev, cPrevOff + bt * hidden, cOut, cOutOff + bt * hidden,
                    hOut, hOutOff + bt * hidden);
        }
    }

    /** out = a + b. */
    private static void addTo(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    /** out = a * m + c (one rounding, as Math.fma). */
    private static void fmaTo(int n, float[] a, int aOff, float[] m, int mOff, float[] c, int cOff,
                              float[] out, int outOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, m, mOff + i),
                    FloatVector.fromArray(S, c, cOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = c[cOff + i] + m[mOff + i] * a[aOff + i];
        }
    }

    /** GRU state: hOut = (1 - z) * n + z * hPrev. */
    private static void interpolate(int n, float[] z, int zOff, float[] nn, int nOff, float[] hPrev, int hp,
                                    float[] hOut, int ho) {
        int bound = S.loopBound(n);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector zv = FloatVector.fromArray(S, z, zOff + j);
            zv.neg().add(1f).mul(FloatVector.fromArray(S, nn, nOff + j))
                    .add(zv.mul(FloatVector.fromArray(S, hPrev, hp + j))).intoArray(hOut, ho + j);
        }
        for (; j < n; j++) {
            float zj = z[zOff + j];
            hOut[ho + j] = (1f - zj) * nn[nOff + j] + zj * hPrev[hp + j];
        }
    }

    /**
     * LSTM state from the activated gates of one row: {@code c' = f * c + i * g} into cOut, then
     * {@code h' = o * tanh(c')} into hOut (tanh over the whole row first, then the product).
     */
    private void lstmState(int hidden, float[] act, int row, float[] cPrev, int cp,
                           float[] cOut, int co, float[] hOut, int ho) {
        int bound = S.loopBound(hidden);
        int j = 0;
        for (; j < bound; j += L) {
            // cPrev is read before cOut is written: they may alias.
            FloatVector.fromArray(S, act, row + hidden + j).fma(FloatVector.fromArray(S, cPrev, cp + j),
                    FloatVector.fromArray(S, act, row + j).mul(FloatVector.fromArray(S, act, row + 2 * hidden + j)))
                    .intoArray(cOut, co + j);
        }
        for (; j < hidden; j++) {
            cOut[co + j] = act[row + hidden + j] * cPrev[cp + j] + act[row + j] * act[row + 2 * hidden + j];
        }
        tanh(hidden, cOut, co, hOut, ho);
        mulTo(hidden, act, row + 3 * hidden, hOut, ho, hOut, ho);
    }

    /** out = a * b. */
    private static void mulTo(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    @Override
    public int block() {
        return B;
    }

    @Override
    public void gruSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] bhn,
                            float[] state, float[] hSeq, int hSeqOff) {
        int hp = padded(hidden);
        int g3 = 3 * hp;
        int cur = 0;
        int nxt = batch * hp;
        // (batch, 3, hp): r and z pre-activations, then W_n h + b_hn
        float[] pre = scratch(PRE, batch * g3);
        for (int t = 0; t < steps; t++) {
            int gxT = t * batch * g3;
            int row = 0;
            for (; row + TILE <= batch; row += TILE) {
                for (int u = 0; u < hp; u += L) {
                    gruTile(hidden, hp, u, gx, gxT + row * g3, whh, bhn, state, cur + row * hp, pre, row * g3);
                }
            }
            for (; row < batch; row++) {
                for (int u = 0; u < hp; u += B) {
                    gruBlock(hidden, hp, u, gx, gxT + row * g3, whh, bhn, state, cur + row * hp, pre, row * g3);
                }
            }
            for (int b = 0; b < batch; b++) {
                int p = b * g3;
                sigmoid(2 * hp, pre, p, pre, p);
                fmaTo(hp, pre, p + 2 * hp, pre, p, gx, gxT + b * g3 + 2 * hp, pre, p + 2 * hp);
                tanh(hp, pre, p + 2 * hp, pre, p + 2 * hp);
                interpolate(hp, pre, p + hp, pre, p + 2 * hp, state, cur + b * hp, state, nxt + b * hp);
            }
            copyOut(batch, hidden, hp, state, nxt, hSeq, hSeqOff + t * batch * hidden);
            int swap = cur;
            cur = nxt;
            nxt = swap;
        }
    }

    /**
     * One row, units {@code [u, u + B)}: the recurrent product of the block's r, z, n rows in 6
     * accumulators (r and z started from the input projections, n from {@code b_hn}), stored to
     * {@code pre [3, hp]}.
     */
    private static void gruBlock(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh, float[] bhn,
                                 float[] state, int hPrev, float[] pre, int p) {
        int w = u * hidden * 3;
        FloatVector r0 = FloatVector.fromArray(S, gx, gxRow + u);
        FloatVector r1 = FloatVector.fromArray(S, gx, gxRow + u + L);
        FloatVector z0 = FloatVector.fromArray(S, gx, gxRow + hp + u);
        FloatVector z1 = FloatVector.fromArray(S, gx, gxRow + hp + u + L);
        FloatVector n0 = FloatVector.fromArray(S, bhn, u);
        FloatVector n1 = FloatVector.fromArray(S, bhn, u + L);
        for (int r = 0; r < hidden; r++, w += 3 * B) {
            FloatVector x = FloatVector.broadcast(S, state[hPrev + r]);
            r0 = FloatVector.fromArray(S, whh, w).fma(x, r0);
            r1 = FloatVector.fromArray(S, whh, w + L).fma(x, r1);
            z0 = FloatVector.fromArray(S, whh, w + B).fma(x, z0);
            z1 = FloatVector.fromArray(S, whh, w + B + L).fma(x, z1);
            n0 = FloatVector.fromArray(S, whh, w + 2 * B).fma(x, n0);
            n1 = FloatVector.fromArray(S, whh, w + 2 * B + L).fma(x, n1);
        }
        r0.intoArray(pre, p + u);
        r1.intoArray(pre, p + u + L);
        z0.intoArray(pre, p + hp + u);
        z1.intoArray(pre, p + hp + u + L);
        n0.intoArray(pre, p + 2 * hp + u);
        n1.intoArray(pre, p + 2 * hp + u + L);
    }

    /** Rows {@code [row, row + 4)}, units {@code [u, u + L)}: as {@link #gruBlock}, 12 accumulators. */
    private static void gruTile(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh, float[] bhn,
                                float[] state, int hPrev, float[] pre, int p) {
        int half = u % B;
        int w = (u - half) * hidden * 3 + half;
        int g3 = 3 * hp;
        FloatVector r0 = FloatVector.fromArray(S, gx, gxRow + u);
        FloatVector r1 = FloatVector.fromArray(S, gx, gxRow + g3 + u);
        FloatVector r2 = FloatVector.fromArray(S, gx, gxRow + 2 * g3 + u);
        FloatVector r3 = FloatVector.fromArray(S, gx, gxRow + 3 * g3 + u);
        FloatVector z0 = FloatVector.fromArray(S, gx, gxRow + hp + u);
        FloatVector z1 = FloatVector.fromArray(S, gx, gxRow + g3 + hp + u);
        FloatVector z2 = FloatVector.fromArray(S, gx, gxRow + 2 * g3 + hp + u);
        FloatVector z3 = FloatVector.fromArray(S, gx, gxRow + 3 * g3 + hp + u);
        FloatVector n0 = FloatVector.fromArray(S, bhn, u);
        FloatVector n1 = n0;
        FloatVector n2 = n0;
        FloatVector n3 = n0;
        int s1 = hPrev + hp;
        int s2 = hPrev + 2 * hp;
        int s3 = hPrev + 3 * hp;
        for (int r = 0; r < hidden; r++, w += 3 * B) {
            FloatVector wr = FloatVector.fromArray(S, whh, w);
            FloatVector wz = FloatVector.fromArray(S, whh, w + B);
            FloatVector wn = FloatVector.fromArray(S, whh, w + 2 * B);
            FloatVector x = FloatVector.broadcast(S, state[hPrev + r]);
            r0 = wr.fma(x, r0);
            z0 = wz.fma(x, z0);
            n0 = wn.fma(x, n0);
            x = FloatVector.broadcast(S, state[s1 + r]);
            r1 = wr.fma(x, r1);
            z1 = wz.fma(x, z1);
            n1 = wn.fma(x, n1);
            x = FloatVector.broadcast(S, state[s2 + r]);
            r2 = wr.fma(x, r2);
            z2 = wz.fma(x, z2);
            n2 = wn.fma(x, n2);
            x = FloatVector.broadcast(S, state[s3 + r]);
            r3 = wr.fma(x, r3);
            z3 = wz.fma(x, z3);
            n3 = wn.fma(x, n3);
        }
        r0.intoArray(pre, p + u);
        z0.intoArray(pre, p + hp + u);
        n0.intoArray(pre, p + 2 * hp + u);
        r1.intoArray(pre, p + g3 + u);
        z1.intoArray(pre, p + g3 + hp + u);
        n1.intoArray(pre, p + g3 + 2 * hp + u);
        r2.intoArray(pre, p + 2 * g3 + u);
        z2.intoArray(pre, p + 2 * g3 + hp + u);
        n2.intoArray(pre, p + 2 * g3 + 2 * hp + u);
        r3.intoArray(pre, p + 3 * g3 + u);
        z3.intoArray(pre, p + 3 * g3 + hp + u);
        n3.intoArray(pre, p + 3 * g3 + 2 * hp + u);
    }

    @Override
    public void lstmSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] state,
                             float[] hSeq, int hSeqOff, float[] cSeq, int cSeqOff) {
        int hp = padded(hidden);
        int g4 = 4 * hp;
        int cur = 0;
        int nxt = batch * hp;
        int c = 2 * batch * hp;
        // (batch, 4, hp): the pre-activations i, f, g, o, activated in place
        float[] pre = scratch(PRE, batch * g4);
        for (int t = 0; t < steps; t++) {
            int gxT = t * batch * g4;
            int row = 0;
            for (; row + TILE <= batch; row += TILE) {
                for (int u = 0; u < hp; u += L) {
                    lstmTile(hidden, hp, u, gx, gxT + row * g4, whh, state, cur + row * hp, pre, row * g4);
                }
            }
            for (; row < batch; row++) {
                for (int u = 0; u < hp; u += B) {
                    lstmBlock(hidden, hp, u, gx, gxT + row * g4, whh, state, cur + row * hp, pre, row * g4);
                }
            }
            for (int b = 0; b < batch; b++) {
                int p = b * g4;
                sigmoid(2 * hp, pre, p, pre, p);
                tanh(hp, pre, p + 2 * hp, pre, p + 2 * hp);
                sigmoid(hp, pre, p + 3 * hp, pre, p + 3 * hp);
                lstmState(hp, pre, p, state, c + b * hp, state, c + b * hp, state, nxt + b * hp);
            }
            copyOut(batch, hidden, hp, state, nxt, hSeq, hSeqOff + t * batch * hidden);
            copyOut(batch, hidden, hp, state, c, cSeq, cSeqOff + t * batch * hidden);
            int swap = cur;
            cur = nxt;
            nxt = swap;
        }
    }

    /**
     * One row, units {@code [u, u + B)}: the recurrent product of the block's i, f, g, o rows in 8
     * accumulators started from the input projections, stored to {@code pre [4, hp]}.
     */
    private static void lstmBlock(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh,
                                  float[] state, int hPrev, float[] pre, int p) {
        int w = u * hidden * 4;
        FloatVector i0 = FloatVector.fromArray(S, gx, gxRow + u);
        FloatVector i1 = FloatVector.fromArray(S, gx, gxRow + u + L);
        FloatVector f0 = FloatVector.fromArray(S, gx, gxRow + hp + u);
        FloatVector f1 = FloatVector.fromArray(S, gx, gxRow + hp + u + L);
        FloatVector g0 = FloatVector.fromArray(S, gx, gxRow + 2 * hp + u);
        FloatVector g1 = FloatVector.fromArray(S, gx, gxRow + 2 * hp + u + L);
        FloatVector o0 = FloatVector.fromArray(S, gx, gxRow + 3 * hp + u);
        FloatVector o1 = FloatVector.fromArray(S, gx, gxRow + 3 * hp + u + L);
        for (int r = 0; r < hidden; r++, w += 4 * B) {
            FloatVector x = FloatVector.broadcast(S, state[hPrev + r]);
            i0 = FloatVector.fromArray(S, whh, w).fma(x, i0);
            i1 = FloatVector.fromArray(S, whh, w + L).fma(x, i1);
            f0 = FloatVector.fromArray(S, whh, w + B).fma(x, f0);
            f1 = FloatVector.fromArray(S, whh, w + B + L).fma(x, f1);
            g0 = FloatVector.fromArray(S, whh, w + 2 * B).fma(x, g0);
            g1 = FloatVector.fromArray(S, whh, w + 2 * B + L).fma(x, g1);
            o0 = FloatVector.fromArray(S, whh, w + 3 * B).fma(x, o0);
            o1 = FloatVector.fromArray(S, whh, w + 3 * B + L).fma(x, o1);
        }
        i0.intoArray(pre, p + u);
        i1.intoArray(pre, p + u + L);
        f0.intoArray(pre, p + hp + u);
        f1.intoArray(pre, p + hp + u + L);
        g0.intoArray(pre, p + 2 * hp + u);
        g1.intoArray(pre, p + 2 * hp + u + L);
        o0.intoArray(pre, p + 3 * hp + u);
        o1.intoArray(pre, p + 3 * hp + u + L);
    }

    /** Rows {@code [row, row + 4)}, units {@code [u, u + L)}: as {@link #lstmBlock}, 16 accumulators. */
    private static void lstmTile(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh,
                                 float[] state, int hPrev, float[] pre, int p) {
        int half = u % B;
        int w = (u - half) * hidden * 4 + half;
        int g4 = 4 * hp;
        FloatVector i0 = FloatVector.fromArray(S, gx, gxRow + u);
        FloatVector f0 = FloatVector.fromArray(S, gx, gxRow + hp + u);
        FloatVector g0 = FloatVector.fromArray(S, gx, gxRow + 2 * hp + u);
        FloatVector o0 = FloatVector.fromArray(S, gx, gxRow + 3 * hp + u);
        FloatVector i1 = FloatVector.fromArray(S, gx, gxRow + g4 + u);
        FloatVector f1 = FloatVector.fromArray(S, gx, gxRow + g4 + hp + u);
        FloatVector g1 = FloatVector.fromArray(S, gx, gxRow + g4 + 2 * hp + u);
        FloatVector o1 = FloatVector.fromArray(S, gx, gxRow + g4 + 3 * hp + u);
        FloatVector i2 = FloatVector.fromArray(S, gx, gxRow + 2 * g4 + u);
        FloatVector f2 = FloatVector.fromArray(S, gx, gxRow + 2 * g4 + hp + u);
        FloatVector g2 = FloatVector.fromArray(S, gx, gxRow + 2 * g4 + 2 * hp + u);
        FloatVector o2 = FloatVector.fromArray(S, gx, gxRow + 2 * g4 + 3 * hp + u);
        FloatVector i3 = FloatVector.fromArray(S, gx, gxRow + 3 * g4 + u);
        FloatVector f3 = FloatVector.fromArray(S, gx, gxRow + 3 * g4 + hp + u);
        FloatVector g3 = FloatVector.fromArray(S, gx, gxRow + 3 * g4 + 2 * hp + u);
        FloatVector o3 = FloatVector.fromArray(S, gx, gxRow + 3 * g4 + 3 * hp + u);
        int s1 = hPrev + hp;
        int s2 = hPrev + 2 * hp;
        int s3 = hPrev + 3 * hp;
        for (int r = 0; r < hidden; r++, w += 4 * B) {
            FloatVector wi = FloatVector.fromArray(S, whh, w);
            FloatVector wf = FloatVector.fromArray(S, whh, w + B);
            FloatVector wg = FloatVector.fromArray(S, whh, w + 2 * B);
            FloatVector wo = FloatVector.fromArray(S, whh, w + 3 * B);
            FloatVector x = FloatVector.broadcast(S, state[hPrev + r]);
            i0 = wi.fma(x, i0);
            f0 = wf.fma(x, f0);
            g0 = wg.fma(x, g0);
            o0 = wo.fma(x, o0);
            x = FloatVector.broadcast(S, state[s1 + r]);
            i1 = wi.fma(x, i1);
            f1 = wf.fma(x, f1);
            g1 = wg.fma(x, g1);
            o1 = wo.fma(x, o1);
            x = FloatVector.broadcast(S, state[s2 + r]);
            i2 = wi.fma(x, i2);
            f2 = wf.fma(x, f2);
            g2 = wg.fma(x, g2);
            o2 = wo.fma(x, o2);
            x = FloatVector.broadcast(S, state[s3 + r]);
            i3 = wi.fma(x, i3);
            f3 = wf.fma(x, f3);
            g3 = wg.fma(x, g3);
            o3 = wo.fma(x, o3);
        }
        i0.intoArray(pre, p + u);
        f0.intoArray(pre, p + hp + u);
        g0.intoArray(pre, p + 2 * hp + u);
        o0.intoArray(pre, p + 3 * hp + u);
        i1.intoArray(pre, p + g4 + u);
        f1.intoArray(pre, p + g4 + hp + u);
        g1.intoArray(pre, p + g4 + 2 * hp + u);
        o1.intoArray(pre, p + g4 + 3 * hp + u);
        i2.intoArray(pre, p + 2 * g4 + u);
        f2.intoArray(pre, p + 2 * g4 + hp + u);
        g2.intoArray(pre, p + 2 * g4 + 2 * hp + u);
        o2.intoArray(pre, p + 2 * g4 + 3 * hp + u);
        i3.intoArray(pre, p + 3 * g4 + u);
        f3.intoArray(pre, p + 3 * g4 + hp + u);
        g3.intoArray(pre, p + 3 * g4 + 2 * hp + u);
        o3.intoArray(pre, p + 3 * g4 + 3 * hp + u);
    }

    /** {@code dst[b, 0..hidden) = state[from + b * hp ..]} for every row. */
    private static void copyOut(int batch, int hidden, int hp, float[] state, int from, float[] dst, int dstOff) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(state, from + b * hp, dst, dstOff + b * hidden, hidden);
        }
    }

    private static int padded(int hidden) {
        return (hidden + B - 1) / B * B;
    }

    private static float[] scratch(ThreadLocal<float[]> holder, int size) {
        float[] buf = holder.get();
        if (buf == null || buf.length < size) {
            buf = new float[size];
            holder.set(buf);
        }
        return buf;
    }
}
