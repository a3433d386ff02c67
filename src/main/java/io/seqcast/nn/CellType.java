package io.seqcast.nn;

import java.util.Locale;

/**
 * The recurrent cells seqcast runs, with PyTorch's gate layout: the gate blocks are stacked along
 * the first dimension of {@code weight_ih [gates*hidden, in]} and {@code weight_hh [gates*hidden, hidden]}.
 */
public enum CellType {
    /** Elman RNN, {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_TANH(1),
    /** Elman RNN with ReLU, {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_RELU(1),
    /** Gated recurrent unit, gate blocks r, z, n. */
    GRU(3),
    /** Long short-term memory, gate blocks i, f, g, o. */
    LSTM(4);

    private final int gates;

    CellType(int gates) {
        this.gates = gates;
    }

    /** Number of stacked gate blocks G: weights have {@code G * hidden} rows. */
    public int gates() {
        return gates;
    }

    /** Whether the cell carries a second state (the LSTM cell state {@code c}). */
    public boolean hasCellState() {
        return this == LSTM;
    }

    /**
     * Parses the names used in manifests and in PyTorch safetensors metadata: {@code GRU},
     * {@code LSTM}, {@code RNN_TANH} (also {@code RNN}), {@code RNN_RELU}; case-insensitive.
     */
    public static CellType parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("cell type is missing; expected one of GRU, LSTM, RNN_TANH, RNN_RELU");
        }
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "GRU" -> GRU;
            case "LSTM" -> LSTM;
            case "RNN", "RNN_TANH", "TANH" -> RNN_TANH;
            case "RNN_RELU", "RELU" -> RNN_RELU;
            default -> throw new IllegalArgumentException(
                    "unknown cell type '" + name + "'; expected one of GRU, LSTM, RNN_TANH, RNN_RELU");
        };
    }
}
