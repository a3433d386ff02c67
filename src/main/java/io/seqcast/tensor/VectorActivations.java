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
 * chains to cover the FMA latency). The gates are applied to those accumulators directly and the
 * block's new state stored: one pass over the weights per step, no pre-activation array, no
 * allocation, no virtual call per step. Rows of a batch go four at a time (each weight load feeds
 * four rows; 4G accumulators, one vector per gate and row, stored to a small per-thread array
 * before the gates, since 16 live LSTM accumulators would spill across the exp polynomials anyway),
 * the rest one at a time.
 *
 * <p>Every kernel method takes arrays; only the small exp/sigmoid/tanh helpers take vectors, and
 * they are small enough for C2 to inline (a vector that crosses a call C2 did not inline is boxed:
 * an allocation per call and no SIMD).
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
    /** Per-thread scratch for one row of GRU gates at inference (grown, never shrunk). */
    private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();
    /** Units per packed block of the fused recurrent kernels. */
    private static final int B = 2 * L;
    /** Rows of a batch tile of the fused recurrent kernels. */
    private static final int TILE = 4;
    /** Per-thread accumulators of one tile: TILE rows x 4 gates x L lanes. */
    private static final ThreadLocal<float[]> TILE_PRE = new ThreadLocal<>();

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

    /** e^x lane-wise, a few ulp; overflows to +infinity from about 88.38 (true overflow is 88.72). */
    static FloatVector exp(FloatVector x) {
        // max/min keep NaN (Math.max semantics), and NaN then flows through r into the result.
        x = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_MAGIC));
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector z = r.mul(r);
        FloatVector p = r.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1));
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        p = p.fma(z, r).add(1f);
        // The low 9 bits of t's mantissa are n (two's complement); shifted into the exponent field
        // and biased by 127 they are 2^n, for n in [-126, 128] (128 gives the bits of +infinity).
        IntVector bits = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(127 << 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.neg());
        return FloatVector.broadcast(S, 1f).div(e.add(1f));
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector e = exp(ax.add(ax));
        FloatVector big = one.sub(FloatVector.broadcast(S, 2f).div(e.add(one)));
        FloatVector z = ax.mul(ax);
        FloatVector q = z.fma(FloatVector.broadcast(S, T0), FloatVector.broadcast(S, T1));
        q = q.fma(z, FloatVector.broadcast(S, T2));
        q = q.fma(z, FloatVector.broadcast(S, T3));
        q = q.fma(z, FloatVector.broadcast(S, T4));
        FloatVector small = q.mul(z).fma(ax, ax);
        VectorMask<Float> isSmall = ax.compare(VectorOperators.LT, TANH_SMALL);
        FloatVector res = big.blend(small, isSmall);
        // copysign(res, x): res is >= 0 or NaN, so OR-ing in the sign bit of x is enough.
        IntVector sign = x.reinterpretAsInts().and(0x80000000);
        return res.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    private static float scalarTanh(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = ScalarKernels.sigmoid(x[xOff + i]);
        }
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
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

    /** LSTM state from the activated gates of one row: c' = f * c + i * g, h' = o * tanh(c'). */
    private static void lstmState(int hidden, float[] act, int row, float[] cPrev, int cp,
                                  float[] cOut, int co, float[] hOut, int ho) {
        int bound = S.loopBound(hidden);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector i = FloatVector.fromArray(S, act, row + j);
            FloatVector f = FloatVector.fromArray(S, act, row + hidden + j);
            FloatVector g = FloatVector.fromArray(S, act, row + 2 * hidden + j);
            FloatVector o = FloatVector.fromArray(S, act, row + 3 * hidden + j);
            // cPrev is read before cOut is written: they may alias.
            FloatVector c = f.mul(FloatVector.fromArray(S, cPrev, cp + j)).add(i.mul(g));
            c.intoArray(cOut, co + j);
            o.mul(tanh(c)).intoArray(hOut, ho + j);
        }
        for (; j < hidden; j++) {
            float c = act[row + hidden + j] * cPrev[cp + j] + act[row + j] * act[row + 2 * hidden + j];
            cOut[co + j] = c;
            hOut[ho + j] = act[row + 3 * hidden + j] * scalarTanh(c);
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
        int stateBlock = batch * hp;
        int cur = 0;
        int nxt = stateBlock;
        float[] pre = batch >= TILE ? scratch(TILE_PRE, TILE * 4 * L) : null;
        for (int t = 0; t < steps; t++) {
            int gxT = t * batch * 3 * hp;
            int row = 0;
            for (; row + TILE <= batch; row += TILE) {
                for (int u = 0; u < hp; u += L) {
                    gruTile(hidden, hp, u, gx, gxT + row * 3 * hp, whh, bhn, state, cur + row * hp,
                            nxt + row * hp, pre);
                }
            }
            for (; row < batch; row++) {
                for (int u = 0; u < hp; u += B) {
                    gruBlock(hidden, hp, u, gx, gxT + row * 3 * hp, whh, bhn, state, cur + row * hp,
                            nxt + row * hp);
                }
            }
            copyOut(batch, hidden, hp, state, nxt, hSeq, hSeqOff + t * batch * hidden);
            int swap = cur;
            cur = nxt;
            nxt = swap;
        }
    }

    /**
     * One row, units {@code [u, u + B)}: the recurrent product of the block's r, z, n rows in 6
     * accumulators, then {@code r, z = sigmoid(gx + W h)}, {@code n = tanh(gx_n + r (W_n h + b_hn))},
     * {@code h' = n + z (h - n)}.
     */
    private static void gruBlock(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh, float[] bhn,
                                 float[] state, int hPrev, int hNext) {
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
        int gn = gxRow + 2 * hp + u;
        FloatVector a = tanh(sigmoid(r0).fma(n0, FloatVector.fromArray(S, gx, gn)));
        FloatVector h = FloatVector.fromArray(S, state, hPrev + u);
        sigmoid(z0).fma(h.sub(a), a).intoArray(state, hNext + u);
        FloatVector b = tanh(sigmoid(r1).fma(n1, FloatVector.fromArray(S, gx, gn + L)));
        FloatVector h1 = FloatVector.fromArray(S, state, hPrev + u + L);
        sigmoid(z1).fma(h1.sub(b), b).intoArray(state, hNext + u + L);
    }

    /**
     * Rows {@code [row, row + 4)}, units {@code [u, u + L)} (one half of a packed block): 12
     * accumulators, stored to {@code pre} as (row, gate, lane), then the gates row by row.
     */
    private static void gruTile(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh, float[] bhn,
                                float[] state, int hPrev, int hNext, float[] pre) {
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
        r0.intoArray(pre, 0);
        z0.intoArray(pre, L);
        n0.intoArray(pre, 2 * L);
        r1.intoArray(pre, 3 * L);
        z1.intoArray(pre, 4 * L);
        n1.intoArray(pre, 5 * L);
        r2.intoArray(pre, 6 * L);
        z2.intoArray(pre, 7 * L);
        n2.intoArray(pre, 8 * L);
        r3.intoArray(pre, 9 * L);
        z3.intoArray(pre, 10 * L);
        n3.intoArray(pre, 11 * L);
        for (int i = 0; i < TILE; i++) {
            gruUnits(pre, 3 * L * i, gx, gxRow + i * g3 + 2 * hp + u, state, hPrev + i * hp + u, hNext + i * hp + u);
        }
    }

    /** The GRU gates of L units from the summed pre-activations r, z, W_n h + b_hn at {@code p}. */
    private static void gruUnits(float[] pre, int p, float[] gx, int gn, float[] state, int hPrev, int hNext) {
        FloatVector r = sigmoid(FloatVector.fromArray(S, pre, p));
        FloatVector z = sigmoid(FloatVector.fromArray(S, pre, p + L));
        FloatVector n = tanh(r.fma(FloatVector.fromArray(S, pre, p + 2 * L),
                FloatVector.fromArray(S, gx, gn)));
        FloatVector h = FloatVector.fromArray(S, state, hPrev);
        z.fma(h.sub(n), n).intoArray(state, hNext);
    }

    @Override
    public void lstmSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] state,
                             float[] hSeq, int hSeqOff, float[] cSeq, int cSeqOff) {
        int hp = padded(hidden);
        int stateBlock = batch * hp;
        int cur = 0;
        int nxt = stateBlock;
        int c = 2 * stateBlock;
        float[] pre = batch >= TILE ? scratch(TILE_PRE, TILE * 4 * L) : null;
        for (int t = 0; t < steps; t++) {
            int gxT = t * batch * 4 * hp;
            int row = 0;
            for (; row + TILE <= batch; row += TILE) {
                for (int u = 0; u < hp; u += L) {
                    lstmTile(hidden, hp, u, gx, gxT + row * 4 * hp, whh, state, cur + row * hp,
                            nxt + row * hp, c + row * hp, pre);
                }
            }
            for (; row < batch; row++) {
                for (int u = 0; u < hp; u += B) {
                    lstmBlock(hidden, hp, u, gx, gxT + row * 4 * hp, whh, state, cur + row * hp,
                            nxt + row * hp, c + row * hp);
                }
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
     * accumulators started from the input projections, then {@code c' = f c + i g},
     * {@code h' = o tanh(c')}.
     */
    private static void lstmBlock(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh,
                                  float[] state, int hPrev, int hNext, int c) {
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
        FloatVector c0 = sigmoid(f0).mul(FloatVector.fromArray(S, state, c + u))
                .add(sigmoid(i0).mul(tanh(g0)));
        c0.intoArray(state, c + u);
        sigmoid(o0).mul(tanh(c0)).intoArray(state, hNext + u);
        FloatVector c1 = sigmoid(f1).mul(FloatVector.fromArray(S, state, c + u + L))
                .add(sigmoid(i1).mul(tanh(g1)));
        c1.intoArray(state, c + u + L);
        sigmoid(o1).mul(tanh(c1)).intoArray(state, hNext + u + L);
    }

    /** Rows {@code [row, row + 4)}, units {@code [u, u + L)}: 16 accumulators, then the gates row by row. */
    private static void lstmTile(int hidden, int hp, int u, float[] gx, int gxRow, float[] whh,
                                 float[] state, int hPrev, int hNext, int c, float[] pre) {
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
        i0.intoArray(pre, 0);
        f0.intoArray(pre, L);
        g0.intoArray(pre, 2 * L);
        o0.intoArray(pre, 3 * L);
        i1.intoArray(pre, 4 * L);
        f1.intoArray(pre, 5 * L);
        g1.intoArray(pre, 6 * L);
        o1.intoArray(pre, 7 * L);
        i2.intoArray(pre, 8 * L);
        f2.intoArray(pre, 9 * L);
        g2.intoArray(pre, 10 * L);
        o2.intoArray(pre, 11 * L);
        i3.intoArray(pre, 12 * L);
        f3.intoArray(pre, 13 * L);
        g3.intoArray(pre, 14 * L);
        o3.intoArray(pre, 15 * L);
        for (int i = 0; i < TILE; i++) {
            lstmUnits(pre, 4 * L * i, state, c + i * hp + u, hNext + i * hp + u);
        }
    }

    /** The LSTM gates of L units from the pre-activations i, f, g, o at {@code p}; updates c in place. */
    private static void lstmUnits(float[] pre, int p, float[] state, int c, int hNext) {
        FloatVector i = sigmoid(FloatVector.fromArray(S, pre, p));
        FloatVector f = sigmoid(FloatVector.fromArray(S, pre, p + L));
        FloatVector g = tanh(FloatVector.fromArray(S, pre, p + 2 * L));
        FloatVector o = sigmoid(FloatVector.fromArray(S, pre, p + 3 * L));
        FloatVector cv = f.fma(FloatVector.fromArray(S, state, c), i.mul(g));
        cv.intoArray(state, c);
        o.mul(tanh(cv)).intoArray(state, hNext);
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
