package io.seqcast.tensor;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * sigmoid, tanh and the fused GRU/LSTM gates on the Vector API; a template specialized per width by
 * {@link SpeciesSpecializer} (contracts in {@link Kernels}).
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
        float[] s = gates != null ? gates : scratch(g3);
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

    private static float[] scratch(int size) {
        float[] buf = SCRATCH.get();
        if (buf == null || buf.length < size) {
            buf = new float[size];
            SCRATCH.set(buf);
        }
        return buf;
    }
}
