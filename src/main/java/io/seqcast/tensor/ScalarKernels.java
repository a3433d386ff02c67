package io.seqcast.tensor;

/**
 * The reference kernels: plain loops over {@code float[]}, float accumulation in index order, and
 * the transcendental functions of {@link Math} evaluated in double and rounded once. Always present;
 * the oracle every faster implementation is tested against, and the fallback when the Vector API
 * module is absent.
 */
public final class ScalarKernels implements Kernels {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += av * bv;
                }
                c[cRow + j] = beta == 0f ? sum : beta * c[cRow + j] + sum;
            }
        }
    }

    @Override
    public void gemv(boolean transW, int rows, int cols,
                     float[] w, int wOff, int ldw,
                     float[] x, int xOff,
                     float beta, float[] y, int yOff) {
        if (!transW) {
            for (int r = 0; r < rows; r++) {
                float sum = 0f;
                int row = wOff + r * ldw;
                for (int j = 0; j < cols; j++) {
                    sum += w[row + j] * x[xOff + j];
                }
                y[yOff + r] = beta == 0f ? sum : beta * y[yOff + r] + sum;
            }
        } else {
            for (int j = 0; j < cols; j++) {
                float sum = 0f;
                for (int r = 0; r < rows; r++) {
                    sum += w[wOff + r * ldw + j] * x[xOff + r];
                }
                y[yOff + j] = beta == 0f ? sum : beta * y[yOff + j] + sum;
            }
        }
    }

    @Override
    public void addBias(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff) {
        for (int r = 0; r < rows; r++) {
            int row = cOff + r * cols;
            for (int j = 0; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void add(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] + b[bOff + i];
        }
    }

    @Override
    public void mul(int n, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public float dot(int n, float[] a, int aOff, float[] b, int bOff) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public void sigmoid(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = sigmoid(x[xOff + i]);
        }
    }

    @Override
    public void tanh(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    @Override
    public void relu(int n, float[] x, int xOff, float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v > 0f ? v : 0f;
        }
    }

    @Override
    public void gruGates(int batch, int hidden,
                         float[] gx, int gxOff, float[] gh, int ghOff,
                         float[] hPrev, int hPrevOff, float[] hOut, int hOutOff,
                         float[] gates, int gatesOff) {
        int g3 = 3 * hidden;
        for (int b = 0; b < batch; b++) {
            int gxRow = gxOff + b * g3;
            int ghRow = ghOff + b * g3;
            int hRow = b * hidden;
            for (int j = 0; j < hidden; j++) {
                float r = sigmoid(gx[gxRow + j] + gh[ghRow + j]);
                float z = sigmoid(gx[gxRow + hidden + j] + gh[ghRow + hidden + j]);
                float nn = (float) Math.tanh(gx[gxRow + 2 * hidden + j] + r * gh[ghRow + 2 * hidden + j]);
                float h = hPrev[hPrevOff + hRow + j];
                hOut[hOutOff + hRow + j] = (1f - z) * nn + z * h;
                if (gates != null) {
                    int gRow = gatesOff + b * g3;
                    gates[gRow + j] = r;
                    gates[gRow + hidden + j] = z;
                    gates[gRow + 2 * hidden + j] = nn;
                }
            }
        }
    }

    @Override
    public void lstmGates(int batch, int hidden, float[] pre, int preOff,
                          float[] cPrev, int cPrevOff, float[] cOut, int cOutOff,
                          float[] hOut, int hOutOff) {
        int g4 = 4 * hidden;
        for (int b = 0; b < batch; b++) {
            int row = preOff + b * g4;
            int hRow = b * hidden;
            for (int j = 0; j < hidden; j++) {
                float i = sigmoid(pre[row + j]);
                float f = sigmoid(pre[row + hidden + j]);
                float g = (float) Math.tanh(pre[row + 2 * hidden + j]);
                float o = sigmoid(pre[row + 3 * hidden + j]);
                float c = f * cPrev[cPrevOff + hRow + j] + i * g;
                cOut[cOutOff + hRow + j] = c;
                hOut[hOutOff + hRow + j] = o * (float) Math.tanh(c);
                pre[row + j] = i;
                pre[row + hidden + j] = f;
                pre[row + 2 * hidden + j] = g;
                pre[row + 3 * hidden + j] = o;
            }
        }
    }

    @Override
    public void lstmGatesBackward(int batch, int hidden, float[] gates, int gatesOff, float[] tanhC, int tanhCOff,
                           float[] cPrev, int cPrevOff, float[] dh, int dhOff, float[] dc, int dcOff,
                           float[] dGates, int dGatesOff) {
        int g4 = 4 * hidden;
        for (int b = 0; b < batch; b++) {
            lstmGatesBackwardRow(hidden, 0, gates, gatesOff + b * g4, tanhC, tanhCOff + b * hidden,
                    cPrev, cPrevOff + b * hidden, dh, dhOff + b * hidden, dc, dcOff + b * hidden,
                    dGates, dGatesOff + b * g4);
        }
    }

    /**
     * {@link #lstmGatesBackward} for units {@code [from, hidden)} of one row (offsets point at the
     * row); also the tail of the vector kernel, so both compute the remainder the same way.
     */
    static void lstmGatesBackwardRow(int hidden, int from, float[] gates, int row, float[] tanhC, int t,
                                     float[] cPrev, int cp, float[] dh, int dhRow, float[] dc, int dcRow,
                                     float[] dGates, int drow) {
        for (int j = from; j < hidden; j++) {
            float i = gates[row + j];
            float f = gates[row + hidden + j];
            float gg = gates[row + 2 * hidden + j];
            float o = gates[row + 3 * hidden + j];
            float tc = tanhC[t + j];
            float d = dh[dhRow + j];
            float dcj = dc[dcRow + j] + d * o * (1f - tc * tc);
            dGates[drow + j] = dcj * gg * i * (1f - i);
            dGates[drow + hidden + j] = dcj * cPrev[cp + j] * f * (1f - f);
            dGates[drow + 2 * hidden + j] = dcj * i * (1f - gg * gg);
            dGates[drow + 3 * hidden + j] = d * tc * o * (1f - o);
            dc[dcRow + j] = dcj * f;
        }
    }

    /** 16: the block of 256-bit vectors, so the packed weights of the two can be compared directly. */
    @Override
    public int recurrentBlock() {
        return 16;
    }

    @Override
    public void gruSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] bhn,
                            float[] state, float[] hSeq, int hSeqOff) {
        int block = recurrentBlock();
        int hp = (hidden + block - 1) / block * block;
        int cur = 0;
        int nxt = batch * hp;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = (t * batch + b) * 3 * hp;
                int hPrev = cur + b * hp;
                for (int u = 0; u < hidden; u++) {
                    float sr = gx[row + u];
                    float sz = gx[row + hp + u];
                    float sn = bhn[u];
                    int w = packed(hidden, 3, block, u);
                    for (int r = 0; r < hidden; r++, w += 3 * block) {
                        float x = state[hPrev + r];
                        sr += whh[w] * x;
                        sz += whh[w + block] * x;
                        sn += whh[w + 2 * block] * x;
                    }
                    float rg = sigmoid(sr);
                    float z = sigmoid(sz);
                    float n = (float) Math.tanh(gx[row + 2 * hp + u] + rg * sn);
                    float h = (1f - z) * n + z * state[hPrev + u];
                    state[nxt + b * hp + u] = h;
                    hSeq[hSeqOff + (t * batch + b) * hidden + u] = h;
                }
            }
            int swap = cur;
            cur = nxt;
            nxt = swap;
        }
    }

    @Override
    public void lstmSequence(int batch, int hidden, int steps, float[] gx, float[] whh, float[] state,
                             float[] hSeq, int hSeqOff, float[] cSeq, int cSeqOff) {
        int block = recurrentBlock();
        int hp = (hidden + block - 1) / block * block;
        int cur = 0;
        int nxt = batch * hp;
        int cs = 2 * batch * hp;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = (t * batch + b) * 4 * hp;
                int hPrev = cur + b * hp;
                for (int u = 0; u < hidden; u++) {
                    float si = gx[row + u];
                    float sf = gx[row + hp + u];
                    float sg = gx[row + 2 * hp + u];
                    float so = gx[row + 3 * hp + u];
                    int w = packed(hidden, 4, block, u);
                    for (int r = 0; r < hidden; r++, w += 4 * block) {
                        float x = state[hPrev + r];
                        si += whh[w] * x;
                        sf += whh[w + block] * x;
                        sg += whh[w + 2 * block] * x;
                        so += whh[w + 3 * block] * x;
                    }
                    int ci = cs + b * hp + u;
                    float c = sigmoid(sf) * state[ci] + sigmoid(si) * (float) Math.tanh(sg);
                    float h = sigmoid(so) * (float) Math.tanh(c);
                    state[ci] = c;
                    state[nxt + b * hp + u] = h;
                    int out = (t * batch + b) * hidden + u;
                    hSeq[hSeqOff + out] = h;
                    cSeq[cSeqOff + out] = c;
                }
            }
            int swap = cur;
            cur = nxt;
            nxt = swap;
        }
    }

    /** Index of unit {@code u}'s first gate weight for {@code r = 0} in the packed layout. */
    private static int packed(int hidden, int gates, int block, int u) {
        return (u / block) * hidden * gates * block + u % block;
    }

    /** The logistic function in double, rounded once; exact 0 and 1 in the saturated tails. */
    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
