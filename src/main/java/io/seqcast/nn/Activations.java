package io.seqcast.nn;

import java.util.Arrays;

/**
 * The buffers of one forward pass over a block of {@code batch} series of {@code steps} time steps,
 * reused from pass to pass: they only grow, so a warmed-up caller allocates nothing.
 *
 * <p>Everything is time-major so that the block of one step is contiguous {@code [batch, width]}:
 * <ul>
 *   <li>{@code input [steps, batch, inputSize]}: the layer-0 input, transposed from batch-first;</li>
 *   <li>per layer {@code gx [steps, batch, G*H]}: input projections; for the LSTM the activated
 *       gates i, f, g, o after the pass, for the RNN the pre-activations;</li>
 *   <li>per layer {@code h [steps + 1, batch, H]}: slot 0 is the initial state, slot {@code t + 1}
 *       the output of step {@code t}; layer {@code k}'s slots 1.. are layer {@code k + 1}'s input;</li>
 *   <li>per LSTM layer {@code c [steps + 1, batch, H]}: cell states, laid out like {@code h};</li>
 *   <li>per GRU layer {@code gh}: the recurrent projection {@code W_hh h + b_hh}, one step
 *       {@code [batch, 3H]} at inference, every step {@code [steps, batch, 3H]} when kept for the
 *       backward pass, and {@code gates [steps, batch, 3H]} (r, z, n) when kept;</li>
 *   <li>per layer {@code whhT [H, G*H]}: the pass's own packed {@code W_hh^T} when the model is not
 *       frozen (see {@code RecurrentPacking}).</li>
 *   <li>for the fused GRU/LSTM kernels at inference: {@code fusedGx [steps, batch, G, hp]} (one
 *       layer's input projections, padded to {@code hp} units), {@code fusedState [3, batch, hp]}
 *       (ping-pong hidden states and the cell state) and, when the model is not frozen, per layer the
 *       pass's own {@code RecurrentPacking.Fused} weights.</li>
 * </ul>
 * Not thread-safe: one instance per thread (see {@code ComputeContext#workspace()}) or per trainer.
 */
public final class Activations {

    private static final float[][] NONE = new float[0][];

    float[] input = new float[0];
    float[][] gx = NONE;
    float[][] h = NONE;
    float[][] c = NONE;
    float[][] gh = NONE;
    float[][] gates = NONE;
    float[][] whhT = NONE;
    float[] fusedGx = new float[0];
    float[] fusedState = new float[0];
    RecurrentPacking.Fused[] fused = new RecurrentPacking.Fused[0];

    // Backward-pass buffers, grown on the first backward call only.
    float[] dGx = new float[0];      // (steps, batch, G*H) d loss / d input projection of one layer
    float[] dGh = new float[0];      // (steps, batch, G*H) GRU: d loss / d recurrent projection
    float[] dExtA = new float[0];    // (steps, batch, max(H, in)) d loss / d layer output, from above
    float[] dExtB = new float[0];    // the same, ping-pong partner: one layer's input grad is the next one's output grad
    float[] dh = new float[0];       // (batch, H) d loss / d h carried back through time
    float[] dc = new float[0];       // (batch, H) LSTM: d loss / d c carried back through time
    float[] tanhC = new float[0];    // (batch, H) LSTM: tanh of one step's cell state, recomputed by the kernels

    int batch;
    int steps;
    boolean keepForBackward;
    ModelSpec spec;

    /**
     * Sizes the buffers for one pass; keeps existing arrays when they are big enough.
     *
     * @param keepForBackward keep every step's GRU recurrent projection and gates for backpropagation
     */
    public Activations prepare(ModelSpec spec, int batch, int steps, boolean keepForBackward) {
        if (batch < 1 || steps < 1) {
            throw new IllegalArgumentException("batch and steps must be positive but were " + batch + " and " + steps);
        }
        this.spec = spec;
        this.batch = batch;
        this.steps = steps;
        this.keepForBackward = keepForBackward;
        int layers = spec.numLayers();
        int hidden = spec.hiddenSize();
        int g = spec.gateRows();
        input = grow(input, (long) steps * batch * spec.inputSize());
        gx = ensureLayers(gx, layers);
        h = ensureLayers(h, layers);
        c = ensureLayers(c, layers);
        gh = ensureLayers(gh, layers);
        gates = ensureLayers(gates, layers);
        whhT = ensureLayers(whhT, layers);
        for (int k = 0; k < layers; k++) {
            gx[k] = grow(gx[k], (long) steps * batch * g);
            h[k] = grow(h[k], (long) (steps + 1) * batch * hidden);
            whhT[k] = grow(whhT[k], (long) hidden * g);
            if (spec.cell().hasCellState()) {
                c[k] = grow(c[k], (long) (steps + 1) * batch * hidden);
            }
            if (spec.cell() == CellType.GRU) {
                gh[k] = grow(gh[k], (long) (keepForBackward ? steps : 1) * batch * g);
                if (keepForBackward) {
                    gates[k] = grow(gates[k], (long) steps * batch * g);
                }
            }
        }
        return this;
    }

    /**
     * Sizes the fused kernels' buffers for padded width {@code hp} (call after {@link #prepare});
     * the mutable model's packed weights are grown here and filled by the caller.
     */
    void prepareFused(int hp) {
        long g = spec.cell().gates();
        fusedGx = grow(fusedGx, (long) steps * batch * g * hp);
        fusedState = grow(fusedState, 3L * batch * hp);
        if (fused.length < spec.numLayers()) {
            fused = Arrays.copyOf(fused, spec.numLayers());
        }
    }

    /** Sizes the backward buffers for the block this instance was last prepared for. */
    void prepareBackward() {
        int hidden = spec.hiddenSize();
        int g = spec.gateRows();
        long rows = (long) steps * batch;
        dGx = grow(dGx, rows * g);
        if (spec.cell() == CellType.GRU) {
            dGh = grow(dGh, rows * g);
        }
        long width = Math.max(hidden, spec.inputSize());
        dExtA = grow(dExtA, rows * width);
        dExtB = grow(dExtB, rows * width);
        dh = grow(dh, (long) batch * hidden);
        dc = grow(dc, (long) batch * hidden);
        tanhC = grow(tanhC, (long) batch * hidden);
    }

    private static float[][] ensureLayers(float[][] arrays, int layers) {
        if (arrays.length >= layers) {
            return arrays;
        }
        float[][] grown = Arrays.copyOf(arrays, layers);
        for (int i = arrays.length; i < layers; i++) {
            grown[i] = new float[0];
        }
        return grown;
    }

    private static float[] grow(float[] array, long size) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("activation buffer of " + size + " floats is too large; use a smaller batch");
        }
        return array.length >= size ? array : new float[(int) size];
    }

    public int batch() {
        return batch;
    }

    public int steps() {
        return steps;
    }

    /** The top layer's output at every step, batch-first {@code [batch, steps, hidden]}. */
    public float[] topOutputsBatchFirst() {
        int hidden = spec.hiddenSize();
        float[] top = h[spec.numLayers() - 1];
        float[] out = new float[batch * steps * hidden];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(top, ((t + 1) * batch + b) * hidden, out, (b * steps + t) * hidden, hidden);
            }
        }
        return out;
    }

    /** Final hidden states {@code [layers, batch, hidden]}, layer 0 first (PyTorch's {@code h_n}). */
    public float[] finalHidden() {
        return finalStates(h);
    }

    /** Final LSTM cell states {@code [layers, batch, hidden]} (PyTorch's {@code c_n}). */
    public float[] finalCell() {
        if (!spec.cell().hasCellState()) {
            throw new IllegalStateException(spec.cell() + " has no cell state");
        }
        return finalStates(c);
    }

    private float[] finalStates(float[][] states) {
        int hidden = spec.hiddenSize();
        int block = batch * hidden;
        float[] out = new float[spec.numLayers() * block];
        for (int k = 0; k < spec.numLayers(); k++) {
            System.arraycopy(states[k], steps * block, out, k * block, block);
        }
        return out;
    }
}
