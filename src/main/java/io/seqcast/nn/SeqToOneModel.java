package io.seqcast.nn;

import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.Kernels;

/**
 * A sequence-to-one forecaster: stacked recurrent layers (RNN, GRU or LSTM, PyTorch semantics) and
 * a dense head on the top layer's last hidden state, {@code y = W_head h_T + b_head}.
 *
 * <p>Shapes: input batch-first {@code [batch, steps, inputSize]}; output {@code [batch, horizon]};
 * states {@code [layers, batch, hidden]}. Initial states are zero unless given.
 *
 * <p>The parameters live in one flat array laid out by {@link ParameterLayout}. The model only
 * reads them during a forward pass, so any number of threads may run forward passes at once, each
 * with its own {@link Activations}. Training mutates the array in place between passes; a serving
 * model is never trained (the registry serves immutable copies).
 */
public final class SeqToOneModel {

    /**
     * Most series one task of a batched prediction takes: small enough that a task's activations
     * stay in cache and that a large batch spreads over every core, large enough for an efficient
     * matrix product.
     */
    static final int MAX_BLOCK_ROWS = 32;

    private final ModelSpec spec;
    private final ParameterLayout layout;
    // (layout.size()) every parameter, PyTorch state-dict order
    private final float[] parameters;

    /** A model with all parameters zero, to be filled by a weights reader or an initializer. */
    public SeqToOneModel(ModelSpec spec) {
        this.spec = spec;
        this.layout = new ParameterLayout(spec);
        this.parameters = new float[layout.size()];
    }

    public ModelSpec spec() {
        return spec;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The live parameter array (not a copy): the optimizer updates it in place. */
    public float[] parameters() {
        return parameters;
    }

    /**
     * Inference for a whole batch from zero initial states: splits the batch into blocks that run in
     * parallel on the shared compute pool, each with its thread's reusable {@link Activations}.
     *
     * @param input {@code [batch, steps, inputSize]} batch-first
     * @param out receives {@code [batch, horizon]}
     */
    public void predict(ComputeContext ctx, float[] input, int batch, int steps, float[] out) {
        long need = (long) batch * steps * spec.inputSize();
        if (input.length < need || out.length < (long) batch * spec.horizon()) {
            throw new IllegalArgumentException("input holds " + input.length + " floats and output " + out.length
                    + " but batch " + batch + " x steps " + steps + " needs " + need + " and "
                    + (long) batch * spec.horizon());
        }
        int perThread = (batch + ctx.threads() - 1) / ctx.threads();
        int rowsPerBlock = Math.max(1, Math.min(MAX_BLOCK_ROWS, perThread));
        int blocks = (batch + rowsPerBlock - 1) / rowsPerBlock;
        int in = spec.inputSize();
        ctx.parallelFor(blocks, block -> {
            int first = block * rowsPerBlock;
            int rows = Math.min(rowsPerBlock, batch - first);
            Activations act = ctx.workspace().get(Activations.class, Activations::new);
            forward(ctx.kernels(), act, false, input, first * steps * in, rows, steps,
                    null, null, out, first * spec.horizon());
        });
    }

    /**
     * Forward pass over one block of series.
     *
     * @param input {@code [batch, steps, inputSize]} batch-first, from {@code inOff}
     * @param h0 initial hidden states {@code [layers, batch, hidden]}, or {@code null} for zeros
     * @param c0 initial LSTM cell states {@code [layers, batch, hidden]}, or {@code null} for zeros
     * @param out receives {@code [batch, horizon]} from {@code outOff}
     * @param act buffers, prepared here for this block; afterwards they hold the states (and, when
     *     {@code keepForBackward}, everything the backward pass needs)
     */
    public void forward(Kernels k, Activations act, boolean keepForBackward,
                        float[] input, int inOff, int batch, int steps,
                        float[] h0, float[] c0, float[] out, int outOff) {
        act.prepare(spec, batch, steps, keepForBackward);
        int in0 = spec.inputSize();
        // Time-major copy of the input so each step's rows are contiguous: (steps, batch, in0).
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(input, inOff + (b * steps + t) * in0, act.input, (t * batch + b) * in0, in0);
            }
        }
        float[] layerInput = act.input;
        int layerInputOff = 0;
        for (int layer = 0; layer < spec.numLayers(); layer++) {
            setInitialState(act.h[layer], h0, layer, batch);
            if (spec.cell().hasCellState()) {
                setInitialState(act.c[layer], c0, layer, batch);
            }
            layerForward(k, act, layer, layerInput, layerInputOff, batch, steps);
            layerInput = act.h[layer];
            layerInputOff = batch * spec.hiddenSize();
        }
        int hidden = spec.hiddenSize();
        float[] top = act.h[spec.numLayers() - 1];
        int last = steps * batch * hidden;
        // Head: out[b, :] = W_head h_T[b, :] + b_head.
        if (batch == 1) {
            System.arraycopy(parameters, layout.headBias(), out, outOff, spec.horizon());
            k.gemv(false, spec.horizon(), hidden, parameters, layout.headWeight(), hidden, top, last, 1f, out, outOff);
        } else {
            k.gemm(false, true, batch, spec.horizon(), hidden, top, last, hidden,
                    parameters, layout.headWeight(), hidden, 0f, out, outOff, spec.horizon());
            k.addBias(batch, spec.horizon(), parameters, layout.headBias(), out, outOff);
        }
    }

    /**
     * Backpropagation through time after a {@link #forward} with {@code keepForBackward}: adds the
     * gradient of the loss w.r.t. every parameter to {@code grads} (laid out like
     * {@link #parameters()}; the caller zeroes it) and, when {@code dInput} is given, writes the
     * gradient w.r.t. the input there.
     *
     * @param act the activations of that forward pass, untouched since
     * @param dOut {@code [batch, horizon]} d loss / d output
     * @param dInput {@code [batch, steps, inputSize]} receives d loss / d input, or {@code null}
     */
    public void backward(Kernels k, Activations act, float[] dOut, int dOutOff, float[] grads,
                         float[] dInput, int dInputOff) {
        if (grads.length < layout.size()) {
            throw new IllegalArgumentException("gradient array holds " + grads.length + " floats but the model has "
                    + layout.size() + " parameters");
        }
        Backward.run(this, k, act, dOut, dOutOff, grads, dInput, dInputOff);
    }

    private void setInitialState(float[] states, float[] given, int layer, int batch) {
        int block = batch * spec.hiddenSize();
        if (given == null) {
            java.util.Arrays.fill(states, 0, block, 0f);
        } else {
            System.arraycopy(given, layer * block, states, 0, block);
        }
    }

    private void layerForward(Kernels k, Activations act, int layer, float[] x, int xOff, int batch, int steps) {
        int in = spec.layerInputSize(layer);
        int hidden = spec.hiddenSize();
        int g = spec.gateRows();
        float[] w = parameters;
        int wIh = layout.weightIh(layer);
        int wHh = layout.weightHh(layer);
        int bIh = layout.biasIh(layer);
        int bHh = layout.biasHh(layer);
        float[] gx = act.gx[layer];
        float[] h = act.h[layer];
        int rows = steps * batch;
        // The input projection of every step in one product: gx = X W_ih^T + b_ih, (steps*batch, G*H).
        k.gemm(false, true, rows, g, in, x, xOff, in, w, wIh, in, 0f, gx, 0, g);
        k.addBias(rows, g, w, bIh, gx, 0);
        CellType cell = spec.cell();
        if (cell != CellType.GRU) {
            // b_hh adds to every gate pre-activation here, so fold it in once, not per step.
            k.addBias(rows, g, w, bHh, gx, 0);
        }
        int hBlock = batch * hidden;
        int gBlock = batch * g;
        for (int t = 0; t < steps; t++) {
            int hPrev = t * hBlock;
            int hNext = hPrev + hBlock;
            int gxT = t * gBlock;
            switch (cell) {
                case RNN_TANH, RNN_RELU -> {
                    recurrentProduct(k, batch, g, hidden, w, wHh, h, hPrev, 1f, gx, gxT);
                    if (cell == CellType.RNN_TANH) {
                        k.tanh(hBlock, gx, gxT, h, hNext);
                    } else {
                        k.relu(hBlock, gx, gxT, h, hNext);
                    }
                }
                case GRU -> {
                    float[] gh = act.gh[layer];
                    int ghT = act.keepForBackward ? gxT : 0;
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(w, bHh, gh, ghT + b * g, g);
                    }
                    recurrentProduct(k, batch, g, hidden, w, wHh, h, hPrev, 1f, gh, ghT);
                    k.gruGates(batch, hidden, gx, gxT, gh, ghT, h, hPrev, h, hNext,
                            act.keepForBackward ? act.gates[layer] : null, gxT);
                }
                case LSTM -> {
                    float[] c = act.c[layer];
                    recurrentProduct(k, batch, g, hidden, w, wHh, h, hPrev, 1f, gx, gxT);
                    k.lstmGates(batch, hidden, gx, gxT, c, hPrev, c, hNext, h, hNext);
                }
            }
        }
    }

    /** {@code dst[batch, g] = beta * dst + h[batch, hidden] W_hh^T}; a matrix-vector product at batch 1. */
    private static void recurrentProduct(Kernels k, int batch, int g, int hidden, float[] w, int wHh,
                                         float[] h, int hOff, float beta, float[] dst, int dstOff) {
        if (batch == 1) {
            k.gemv(false, g, hidden, w, wHh, hidden, h, hOff, beta, dst, dstOff);
        } else {
            k.gemm(false, true, batch, g, hidden, h, hOff, hidden, w, wHh, hidden, beta, dst, dstOff, g);
        }
    }
}
