package io.seqcast.nn;

/**
 * The inference-time packed form of the recurrent weights: {@code W_hh^T [H, G*H]} row-major, one
 * per layer.
 *
 * <p>Why transposed: with {@code W_hh [G*H, H]} as stored (PyTorch layout) the batch-1 recurrent
 * product {@code W_hh h} is G*H dot products of length H, each ending in a horizontal reduction;
 * with {@code W_hh^T} it is H rank-1 updates {@code y += h[j] * W_hh^T[j, :]} that stream the weights
 * contiguously into register accumulators (a transposed gemv, 2-3x faster here). For a batch the
 * same array is the {@code [k, n]} right operand of a plain (non-transposed) gemm, so gemm no longer
 * transposes {@code W_hh} at every time step.
 *
 * <p>The fused layer kernels ({@code Kernels.gruSequence/lstmSequence}, GRU and LSTM at inference)
 * read a second form, {@link Fused}: {@code W_hh} in blocks of {@code block} units {@code [H][G][block]}
 * (the G gate rows of a block side by side for each previous-state element, so a step streams the
 * weights once and keeps each block's gate sums in registers), and {@code W_ih} and the biases
 * padded to {@code hp} units per gate so that the gates of a block are whole vectors.
 *
 * <p>Both forms are copies: whoever holds one must rebuild it when the parameters change (see
 * {@link SeqToOneModel#freeze()}).
 */
final class RecurrentPacking {

    /** Tile edge of the blocked transpose: 16 x 16 floats keep both strided sides in a few cache lines. */
    private static final int TILE = 16;

    private RecurrentPacking() {
    }

    /** Floats of one layer's packed weights: {@code H * G*H}. */
    static int size(ModelSpec spec) {
        return spec.hiddenSize() * spec.gateRows();
    }

    /**
     * Writes {@code W_hh^T [H, G*H]} of {@code layer} into {@code dst} from offset 0.
     *
     * @param parameters the model's parameters, laid out by {@code layout}
     * @param dst at least {@link #size} floats
     */
    static void packLayer(ParameterLayout layout, float[] parameters, int layer, float[] dst) {
        ModelSpec spec = layout.spec();
        transpose(spec.gateRows(), spec.hiddenSize(), parameters, layout.weightHh(layer), dst);
    }

    /** Every layer's packed weights, freshly allocated. */
    static float[][] packAll(ParameterLayout layout, float[] parameters) {
        int layers = layout.spec().numLayers();
        float[][] packed = new float[layers][];
        for (int layer = 0; layer < layers; layer++) {
            packed[layer] = new float[size(layout.spec())];
            packLayer(layout, parameters, layer, packed[layer]);
        }
        return packed;
    }

    /**
     * One layer's weights in the fused kernels' layout for a block of {@code block} units;
     * {@code hp} = hidden rounded up to {@code block}, padding zero.
     */
    static final class Fused {
        final int block;
        final int hp;
        // (hp / block, H, G, block) W_hh: [u / block, r, gate, u % block] = W_hh[gate * H + u, r]
        final float[] whh;
        // (G * hp, in) W_ih, gate blocks padded to hp rows
        final float[] wIh;
        // (G * hp) b_ih, plus b_hh wherever it adds to the pre-activation (LSTM all, GRU r and z)
        final float[] bias;
        // (hp) GRU: b_hh of the n gate, which r multiplies; empty for other cells
        final float[] bhn;

        Fused(ModelSpec spec, int layer, int block) {
            int g = spec.cell().gates();
            this.block = block;
            this.hp = paddedHidden(spec.hiddenSize(), block);
            this.whh = new float[hp * spec.hiddenSize() * g];
            this.wIh = new float[g * hp * spec.layerInputSize(layer)];
            this.bias = new float[g * hp];
            this.bhn = new float[spec.cell() == CellType.GRU ? hp : 0];
        }
    }

    /** {@code hidden} rounded up to a multiple of {@code block}. */
    static int paddedHidden(int hidden, int block) {
        return (hidden + block - 1) / block * block;
    }

    /**
     * {@code layer}'s weights in the fused layout for {@code block}, into {@code reuse} when it has
     * that layer's shape and block (a mutable model repacks every pass without allocating), else
     * into a new instance.
     */
    static Fused packFused(ParameterLayout layout, float[] parameters, int layer, int block, Fused reuse) {
        ModelSpec spec = layout.spec();
        Fused f = reuse != null && reuse.block == block && reuse.wIh.length
                == spec.cell().gates() * paddedHidden(spec.hiddenSize(), block) * spec.layerInputSize(layer)
                && reuse.whh.length == paddedHidden(spec.hiddenSize(), block) * spec.hiddenSize() * spec.cell().gates()
                ? reuse : new Fused(spec, layer, block);
        int hidden = spec.hiddenSize();
        int in = spec.layerInputSize(layer);
        int g = spec.cell().gates();
        int wHh = layout.weightHh(layer);
        int wIh = layout.weightIh(layer);
        int bIh = layout.biasIh(layer);
        int bHh = layout.biasHh(layer);
        boolean gru = spec.cell() == CellType.GRU;
        for (int gate = 0; gate < g; gate++) {
            for (int u = 0; u < f.hp; u++) {
                boolean real = u < hidden;
                int src = gate * hidden + u;
                // W_hh row (gate, u) scattered to [u / block, r, gate, u % block].
                int dst = (u / block) * hidden * g * block + gate * block + u % block;
                for (int r = 0; r < hidden; r++, dst += g * block) {
                    f.whh[dst] = real ? parameters[wHh + src * hidden + r] : 0f;
                }
                int row = gate * f.hp + u;
                for (int c = 0; c < in; c++) {
                    f.wIh[row * in + c] = real ? parameters[wIh + src * in + c] : 0f;
                }
                boolean nGate = gru && gate == 2;
                f.bias[row] = real ? parameters[bIh + src] + (nGate ? 0f : parameters[bHh + src]) : 0f;
                if (nGate) {
                    f.bhn[u] = real ? parameters[bHh + src] : 0f;
                }
            }
        }
        return f;
    }

    /** {@code dst[c, r] = src[srcOff + r * cols + c]}: {@code src [rows, cols]} to {@code dst [cols, rows]}. */
    static void transpose(int rows, int cols, float[] src, int srcOff, float[] dst) {
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    int s = srcOff + r * cols;
                    for (int c = c0; c < c1; c++) {
                        dst[c * rows + r] = src[s + c];
                    }
                }
            }
        }
    }
}
