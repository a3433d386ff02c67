package io.seqcast.tensor;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels and dot on the Vector API; a template specialized per width by
 * {@link SpeciesSpecializer} (contracts in {@link Kernels}). Each loop: a {@code loopBound} main loop
 * and a scalar tail. Element-wise loops read an element before writing the same index, so
 * {@code out} may alias an input.
 */
final class VectorElementwise implements VectorKernels.Elementwise {

    static final VectorSpecies<Float> S = SpeciesSpecializer.species(MethodHandles.lookup());
    private static final int L = S.length();

    VectorElementwise() {
    }

    @Override
    public void addBias(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = cOff + r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, biasOff + j))
                        .intoArray(c, row + j);
            }
            for (; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int bound = S.loopBound(n);
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void add(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, a, aOff + i).add(FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    @Override
    public void mul(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
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
    public void scale(int n, float alpha, float[] x, int xOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public float dot(int n, float[] a, int aOff, float[] b, int bOff) {
        // Four independent accumulators hide the FMA latency (4 cycles, 2 per cycle issued).
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        FloatVector acc3 = FloatVector.zero(S);
        int i = 0;
        int bound4 = n - 4 * L + 1;
        for (; i < bound4; i += 4 * L) {
            acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
            acc1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, b, bOff + i + L), acc1);
            acc2 = FloatVector.fromArray(S, a, aOff + i + 2 * L).fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), acc2);
            acc3 = FloatVector.fromArray(S, a, aOff + i + 3 * L).fma(FloatVector.fromArray(S, b, bOff + i + 3 * L), acc3);
        }
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
        }
        float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public void lstmGatesBackward(int batch, int hidden, float[] gates, int gatesOff, float[] tanhC, int tanhCOff,
                           float[] cPrev, int cPrevOff, float[] dh, int dhOff, float[] dc, int dcOff,
                           float[] dGates, int dGatesOff) {
        int g4 = 4 * hidden;
        int bound = S.loopBound(hidden);
        for (int b = 0; b < batch; b++) {
            int row = gatesOff + b * g4;
            int drow = dGatesOff + b * g4;
            int h = b * hidden;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector i = FloatVector.fromArray(S, gates, row + j);
                FloatVector f = FloatVector.fromArray(S, gates, row + hidden + j);
                FloatVector gg = FloatVector.fromArray(S, gates, row + 2 * hidden + j);
                FloatVector o = FloatVector.fromArray(S, gates, row + 3 * hidden + j);
                FloatVector tc = FloatVector.fromArray(S, tanhC, tanhCOff + h + j);
                FloatVector d = FloatVector.fromArray(S, dh, dhOff + h + j);
                FloatVector one = FloatVector.broadcast(S, 1f);
                FloatVector dcj = FloatVector.fromArray(S, dc, dcOff + h + j)
                        .add(d.mul(o).mul(one.sub(tc.mul(tc))));
                dcj.mul(gg).mul(i).mul(one.sub(i)).intoArray(dGates, drow + j);
                dcj.mul(FloatVector.fromArray(S, cPrev, cPrevOff + h + j)).mul(f).mul(one.sub(f))
                        .intoArray(dGates, drow + hidden + j);
                dcj.mul(i).mul(one.sub(gg.mul(gg))).intoArray(dGates, drow + 2 * hidden + j);
                d.mul(tc).mul(o).mul(one.sub(o)).intoArray(dGates, drow + 3 * hidden + j);
                dcj.mul(f).intoArray(dc, dcOff + h + j);
            }
            ScalarKernels.lstmGatesBackwardRow(hidden, j, gates, row, tanhC, tanhCOff + h, cPrev, cPrevOff + h,
                    dh, dhOff + h, dc, dcOff + h, dGates, drow);
        }
    }

    @Override
    public void relu(int n, float[] x, int xOff, float[] out, int outOff) {
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += L) {
            // Select on v > 0 rather than max(v, 0): same as the scalar one for NaN (0) and -0 (+0).
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v > 0f ? v : 0f;
        }
    }
}
