package io.seqcast.nn;

import io.seqcast.tensor.Kernels;

import java.util.Arrays;

/**
 * Backpropagation through time for {@link SeqToOneModel}: the hand-written backward pass of the
 * head and of every recurrent layer, from the activations the forward pass kept.
 *
 * <p>Per layer the gradient of every step's gate pre-activations is collected first (one sweep from
 * the last step to the first, carrying {@code dh} and, for the LSTM, {@code dc}); the weight
 * gradients then follow as two matrix products over all steps at once, {@code dW_ih += dG^T X} and
 * {@code dW_hh += dG^T H_prev}, and the gradient for the layer below as {@code dX = dG W_ih}.
 * Gradients accumulate ({@code +=}); the caller zeroes them.
 */
final class Backward {

    private Backward() {
    }

    static void run(SeqToOneModel model, Kernels k, Activations act, float[] dOut, int dOutOff,
                    float[] grads, float[] dInput, int dInputOff) {
        ModelSpec spec = model.spec();
        ParameterLayout layout = model.layout();
        float[] w = model.parameters();
        if (!act.keepForBackward || act.spec != spec) {
            throw new IllegalStateException("backward needs the activations of a forward pass of this model run with keepForBackward");
        }
        act.prepareBackward();
        int batch = act.batch;
        int steps = act.steps;
        int hidden = spec.hiddenSize();
        int horizon = spec.horizon();
        int layers = spec.numLayers();
        int hBlock = batch * hidden;
        float[] top = act.h[layers - 1];
        int last = steps * hBlock;

        // Head: y = h_T W^T + b.  dW += dOut^T h_T, db += sum_b dOut, dh_T = dOut W.
        k.gemm(true, false, horizon, hidden, batch, dOut, dOutOff, horizon, top, last, hidden,
                1f, grads, layout.headWeight(), hidden);
        for (int b = 0; b < batch; b++) {
            k.axpy(horizon, 1f, dOut, dOutOff + b * horizon, grads, layout.headBias());
        }
        // Gradient w.r.t. the top layer's outputs: only the last step feeds the head.
        float[] dExt = act.dExtA;
        Arrays.fill(dExt, 0, steps * hBlock, 0f);
        k.gemm(false, false, batch, hidden, horizon, dOut, dOutOff, horizon, w, layout.headWeight(), hidden,
                0f, dExt, (steps - 1) * hBlock, hidden);

        float[] dBelow = act.dExtB;
        for (int layer = layers - 1; layer >= 0; layer--) {
            float[] x = layer == 0 ? act.input : act.h[layer - 1];
            int xOff = layer == 0 ? 0 : hBlock;
            int in = spec.layerInputSize(layer);
            layerBackward(model, k, act, layer, dExt, grads);
            float[] dG = act.dGx;
            int g = spec.gateRows();
            int rows = steps * batch;
            // dW_ih += dGx^T X over all steps; db_ih += column sums of dGx.
            k.gemm(true, false, g, in, rows, dG, 0, g, x, xOff, in, 1f, grads, layout.weightIh(layer), in);
            columnSums(k, rows, g, dG, grads, layout.biasIh(layer));
            // dW_hh += dGh^T H_prev over all steps (H_prev = slots 0..steps-1); db_hh likewise.
            float[] dGh = spec.cell() == CellType.GRU ? act.dGh : dG;
            k.gemm(true, false, g, hidden, rows, dGh, 0, g, act.h[layer], 0, hidden,
                    1f, grads, layout.weightHh(layer), hidden);
            columnSums(k, rows, g, dGh, grads, layout.biasHh(layer));
            // Gradient for the layer below (or the input): dX = dGx W_ih, time-major (steps, batch, in).
            boolean wantInput = layer > 0 || dInput != null;
            if (wantInput) {
                k.gemm(false, false, rows, in, g, dG, 0, g, w, layout.weightIh(layer), in, 0f, dBelow, 0, in);
                float[] swap = dExt;
                dExt = dBelow;
                dBelow = swap;
            }
        }
        if (dInput != null) {
            // dExt now holds d loss / d input, time-major; the caller wants it batch-first.
            int in = spec.inputSize();
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(dExt, (t * batch + b) * in, dInput, dInputOff + (b * steps + t) * in, in);
                }
            }
        }
    }

    private static void columnSums(Kernels k, int rows, int cols, float[] m, float[] dst, int dstOff) {
        for (int r = 0; r < rows; r++) {
            k.axpy(cols, 1f, m, r * cols, dst, dstOff);
        }
    }

    /**
     * Fills {@code act.dGx} (and {@code act.dGh} for the GRU) with the gradient of every step's gate
     * pre-activations, sweeping from the last step to the first.
     *
     * @param dExt {@code (steps, batch, hidden)} gradient w.r.t. this layer's outputs from above
     */
    private static void layerBackward(SeqToOneModel model, Kernels k, Activations act, int layer,
                                      float[] dExt, float[] grads) {
        ModelSpec spec = model.spec();
        float[] w = model.parameters();
        int wHh = model.layout().weightHh(layer);
        int batch = act.batch;
        int steps = act.steps;
        int hidden = spec.hiddenSize();
        int g = spec.gateRows();
        int hBlock = batch * hidden;
        int gBlock = batch * g;
        float[] h = act.h[layer];
        float[] dh = act.dh;
        float[] dc = act.dc;
        float[] dGx = act.dGx;
        Arrays.fill(dh, 0, hBlock, 0f);
        Arrays.fill(dc, 0, hBlock, 0f);
        CellType cell = spec.cell();
        for (int t = steps - 1; t >= 0; t--) {
            int gT = t * gBlock;
            int hPrev = t * hBlock;
            int hNext = hPrev + hBlock;
            // dh = gradient from above at this step + gradient carried back from step t + 1.
            k.add(hBlock, dh, 0, dExt, t * hBlock, dh, 0);
            switch (cell) {
                case RNN_TANH -> {
                    for (int i = 0; i < hBlock; i++) {
                        float a = h[hNext + i];
                        dGx[gT + i] = dh[i] * (1f - a * a);
                    }
                }
                case RNN_RELU -> {
                    for (int i = 0; i < hBlock; i++) {
                        dGx[gT + i] = h[hNext + i] > 0f ? dh[i] : 0f;
                    }
                }
                case GRU -> gruStep(act, layer, batch, hidden, t, dh);
                case LSTM -> lstmStep(k, act, layer, batch, hidden, t, dh, dc);
            }
            // Carry back: dh_{t-1} = (direct term, GRU only) + dGh_t W_hh.
            float[] dRec = cell == CellType.GRU ? act.dGh : dGx;
            if (t > 0) {
                float beta = cell == CellType.GRU ? 1f : 0f;
                k.gemm(false, false, batch, hidden, g, dRec, gT, g, w, wHh, hidden, beta, dh, 0, hidden);
            }
        }
    }

    /**
     * GRU step backward. With r, z, n the gates and {@code hn = W_hn h + b_hn}:
     * {@code h' = (1-z) n + z h}, {@code n = tanh(gx_n + r hn)}. Leaves the direct term {@code dh * z}
     * in {@code dh} for the recurrent product to add to.
     */
    private static void gruStep(Activations act, int layer, int batch, int hidden, int t, float[] dh) {
        int g = 3 * hidden;
        float[] gates = act.gates[layer];
        float[] gh = act.gh[layer];
        float[] h = act.h[layer];
        float[] dGx = act.dGx;
        float[] dGh = act.dGh;
        for (int b = 0; b < batch; b++) {
            int row = (t * batch + b) * g;
            int hRow = (t * batch + b) * hidden;
            int dRow = b * hidden;
            for (int j = 0; j < hidden; j++) {
                float r = gates[row + j];
                float z = gates[row + hidden + j];
                float n = gates[row + 2 * hidden + j];
                float hn = gh[row + 2 * hidden + j];
                float hPrev = h[hRow + j];
                float d = dh[dRow + j];
                float dn = d * (1f - z) * (1f - n * n);
                float dz = d * (hPrev - n) * z * (1f - z);
                float dr = dn * hn * r * (1f - r);
                dGx[row + j] = dr;
                dGx[row + hidden + j] = dz;
                dGx[row + 2 * hidden + j] = dn;
                dGh[row + j] = dr;
                dGh[row + hidden + j] = dz;
                dGh[row + 2 * hidden + j] = dn * r;
                dh[dRow + j] = d * z;
            }
        }
    }

    /**
     * LSTM step backward. With i, f, g, o the activated gates: {@code c' = f c + i g},
     * {@code h' = o tanh(c')}. Updates {@code dc} to the gradient w.r.t. the previous cell state.
     */
    private static void lstmStep(Kernels k, Activations act, int layer, int batch, int hidden, int t, float[] dh,
                                 float[] dc) {
        int g = 4 * hidden;
        float[] gates = act.gx[layer];
        float[] c = act.c[layer];
        float[] dGx = act.dGx;
        // tanh(c') of the whole step block through the kernels: a per-element Math.tanh here cost about
        // as much as the rest of an LSTM training step.
        float[] tanhC = act.tanhC;
        k.tanh(batch * hidden, c, (t + 1) * batch * hidden, tanhC, 0);
        k.lstmGatesBackward(batch, hidden, gates, t * batch * g, tanhC, 0, c, t * batch * hidden, dh, 0, dc, 0,
                dGx, t * batch * g);
    }
}
