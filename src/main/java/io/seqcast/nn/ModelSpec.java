package io.seqcast.nn;

/**
 * The shape of a sequence-to-one forecaster: a stack of {@code numLayers} recurrent layers of
 * {@code hiddenSize} units over inputs of {@code inputSize} features, and a dense head from the top
 * layer's last hidden state to {@code horizon} outputs.
 */
public record ModelSpec(CellType cell, int inputSize, int hiddenSize, int numLayers, int horizon) {

    /** Upper bounds that keep a hostile manifest from asking for gigabytes. */
    public static final int MAX_INPUT = 4096;
    public static final int MAX_HIDDEN = 4096;
    public static final int MAX_LAYERS = 16;
    public static final int MAX_HORIZON = 10_000;

    public ModelSpec {
        if (cell == null) {
            throw new IllegalArgumentException("cell must be given");
        }
        checkRange("inputSize", inputSize, MAX_INPUT);
        checkRange("hiddenSize", hiddenSize, MAX_HIDDEN);
        checkRange("numLayers", numLayers, MAX_LAYERS);
        checkRange("horizon", horizon, MAX_HORIZON);
    }

    private static void checkRange(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max + " but was " + value);
        }
    }

    /** Rows of each layer's weight matrices: {@code gates * hiddenSize}. */
    public int gateRows() {
        return cell.gates() * hiddenSize;
    }

    /** Input width of layer {@code layer}: the features for layer 0, the hidden size above. */
    public int layerInputSize(int layer) {
        return layer == 0 ? inputSize : hiddenSize;
    }
}
