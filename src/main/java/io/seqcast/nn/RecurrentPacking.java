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
 * <p>The packed form is a copy: whoever holds one must rebuild it when the parameters change (see
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
