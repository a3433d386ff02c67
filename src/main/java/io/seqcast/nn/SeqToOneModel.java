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
 *
 * <p>The recurrent product runs on a transposed copy of {@code W_hh} ({@link RecurrentPacking}). A
 * copy can go stale, so there are two states, and no version counter that a caller could forget:
 * <ul>
 *   <li>mutable (the default, for loading, initialising and training): every forward pass packs
 *       the current {@code W_hh} into its own {@link Activations}, so a pass always sees the
 *       parameters as they are when it starts (one transpose per pass, amortised over the steps);</li>
 *   <li>frozen, after {@link #freeze()} (serving): the packed copy is built once and shared;
 *       {@link #parameters()} then refuses to hand out the array, so the copy cannot go stale.</li>
 * </ul>
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
    // per layer (H, G*H): W_hh^T, built by freeze(); null while the model is mutable
    private volatile float[][] frozenWhhT;
    // GRU/LSTM, built by freeze(): [FUSED_BLOCKS index][layer] the fused kernels' weights
    private volatile RecurrentPacking.Fused[][] frozenFused;
    /** The packed blocks every {@code Kernels.recurrentBlock()} of this code base asks for. */
    private static final int[] FUSED_BLOCKS = {16, 32};

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

    /**
     * The live parameter array (not a copy): the optimizer updates it in place.
     *
     * @throws IllegalStateException once the model is {@linkplain #freeze() frozen}; use
     *     {@link #copyParameters()} to read a frozen model's parameters
     */
    public float[] parameters() {
        if (frozenWhhT != null) {
            throw new IllegalStateException("the model is frozen (a serving copy): its parameters are read-only; "
                    + "use copyParameters() to read them");
        }
        return parameters;
    }

    /** A copy of the parameters, laid out by {@link #layout()}; allowed frozen or not. */
    public float[] copyParameters() {
        return parameters.clone();
    }

    /**
     * Makes the model read-only for serving: packs the inference form of the weights once and from
     * then on refuses {@link #parameters()}, so that nothing can change the weights under the packed
     * copy. Idempotent and thread-safe; there is no unfreeze (train a mutable copy instead).
     *
     * @return this model
     */
    public SeqToOneModel freeze() {
        synchronized (parameters) {
            if (frozenWhhT == null) {
                if (fusedCell()) {
                    RecurrentPacking.Fused[][] fused = new RecurrentPacking.Fused[FUSED_BLOCKS.length][spec.numLayers()];
                    for (int i = 0; i < FUSED_BLOCKS.length; i++) {
                        for (int layer = 0; layer < spec.numLayers(); layer++) {
                            fused[i][layer] = RecurrentPacking.packFused(layout, parameters, layer, FUSED_BLOCKS[i], null);
                        }
                    }
                    frozenFused = fused;
                }
                frozenWhhT = RecurrentPacking.packAll(layout, parameters);
            }
        }
        return this;
    }

    /** Whether {@link #freeze()} was called. */
    public boolean frozen() {
        return frozenWhhT != null;
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
        float[][] packed = frozenWhhT;
        if (packed == null && !(fusedCell() && !keepForBackward)) {
            // Mutable: pack this pass's own copy from the parameters as they are now.
            for (int layer = 0; layer < spec.numLayers(); layer++) {
                RecurrentPacking.packLayer(layout, parameters, layer, act.whhT[layer]);
            }
            packed = act.whhT;
        }
        float[] layerInput = act.input;
        int layerInputOff = 0;
        boolean fused = fusedCell() && !keepForBackward;
        for (int layer = 0; layer < spec.numLayers(); layer++) {
            setInitialState(act.h[layer], h0, layer, batch);
            if (spec.cell().hasCellState()) {
                setInitialState(act.c[layer], c0, layer, batch);
            }
            if (fused) {
                fusedLayerForward(k, act, layer, layerInput, layerInputOff, batch, steps);
            } else {
                layerForward(k, act, layer, packed[layer], layerInput, layerInputOff, batch, steps);
            }
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

    /** Whether inference runs on the fused layer kernels: GRU and LSTM do. */
    private boolean fusedCell() {
        return spec.cell() == CellType.GRU || spec.cell() == CellType.LSTM;
    }

    /**
     * One GRU or LSTM layer at inference on the fused kernels: the input projection of every step in
     * one product into the padded {@code fusedGx}, then the whole recurrence in one kernel call that
     * writes every step's states into {@code act.h} (and {@code act.c}) like {@link #layerForward}.
     */
    private void fusedLayerForward(Kernels k, Activations act, int layer, float[] x, int xOff, int batch, int steps) {
        int block = k.recurrentBlock();
        RecurrentPacking.Fused w = frozenFusedWeights(layer, block);
        int hidden = spec.hiddenSize();
        int hp = RecurrentPacking.paddedHidden(hidden, block);
        int in = spec.layerInputSize(layer);
        int g = spec.cell().gates() * hp;
        act.prepareFused(hp);
        if (w == null) {
            w = RecurrentPacking.packFused(layout, parameters, layer, block, act.fused[layer]);
            act.fused[layer] = w;
        }
        float[] gx = act.fusedGx;
        int rows = steps * batch;
        k.gemm(false, true, rows, g, in, x, xOff, in, w.wIh, 0, in, 0f, gx, 0, g);
        k.addBias(rows, g, w.bias, 0, gx, 0);
        float[] state = act.fusedState;
        java.util.Arrays.fill(state, 0, 3 * batch * hp, 0f);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(act.h[layer], b * hidden, state, b * hp, hidden);
            if (spec.cell().hasCellState()) {
                System.arraycopy(act.c[layer], b * hidden, state, (2 * batch + b) * hp, hidden);
            }
        }
        if (spec.cell() == CellType.GRU) {
            k.gruSequence(batch, hidden, steps, gx, w.whh, w.bhn, state, act.h[layer], batch * hidden);
        } else {
            k.lstmSequence(batch, hidden, steps, gx, w.whh, state, act.h[layer], batch * hidden,
                    act.c[layer], batch * hidden);
        }
    }

    /** The frozen model's fused weights for {@code block}, or null when they must be packed per pass. */
    private RecurrentPacking.Fused frozenFusedWeights(int layer, int block) {
        RecurrentPacking.Fused[][] frozen = frozenFused;
        if (frozen != null) {
            for (int i = 0; i < FUSED_BLOCKS.length; i++) {
                if (FUSED_BLOCKS[i] == block) {
                    return frozen[i][layer];
                }
            }
        }
        return null;
    }

    /** @param whhT {@code (H, G*H)} this layer's {@code W_hh^T} (see {@link RecurrentPacking}) */
    private void layerForward(Kernels k, Activations act, int layer, float[] whhT,
                              float[] x, int xOff, int batch, int steps) {
        int in = spec.layerInputSize(layer);
        int hidden = spec.hiddenSize();
        int g = spec.gateRows();
        float[] w = parameters;
        int wIh = layout.weightIh(layer);
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
                    recurrentProduct(k, batch, g, hidden, whhT, h, hPrev, 1f, gx, gxT);
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
                    recurrentProduct(k, batch, g, hidden, whhT, h, hPrev, 1f, gh, ghT);
                    k.gruGates(batch, hidden, gx, gxT, gh, ghT, h, hPrev, h, hNext,
                            act.keepForBackward ? act.gates[layer] : null, gxT);
                }
                case LSTM -> {
                    float[] c = act.c[layer];
                    recurrentProduct(k, batch, g, hidden, whhT, h, hPrev, 1f, gx, gxT);
                    k.lstmGates(batch, hidden, gx, gxT, c, hPrev, c, hNext, h, hNext);
                }
            }
        }
    }

    /**
     * {@code dst[batch, g] = beta * dst + h[batch, hidden] W_hh^T} from the packed {@code whhT [hidden, g]}:
     * at batch 1 a transposed gemv (rank-1 updates in registers), else a non-transposed gemm.
     */
    private static void recurrentProduct(Kernels k, int batch, int g, int hidden, float[] whhT,
                                         float[] h, int hOff, float beta, float[] dst, int dstOff) {
        if (batch == 1) {
            k.gemv(true, hidden, g, whhT, 0, g, h, hOff, beta, dst, dstOff);
        } else {
            k.gemm(false, false, batch, g, hidden, h, hOff, hidden, whhT, 0, g, beta, dst, dstOff, g);
        }
    }
}
