package io.seqcast.series;

/**
 * A set of supervised windows: inputs {@code [count, steps, features]} batch-first and targets
 * {@code [count, horizon]}, flat and row-major. Immutable by convention: nobody writes into the
 * arrays after construction.
 */
public record Windows(float[] inputs, float[] targets, int count, int steps, int features, int horizon) {

    public Windows {
        if (count < 0 || steps < 1 || features < 1 || horizon < 1) {
            throw new IllegalArgumentException("bad window shape: count " + count + ", steps " + steps
                    + ", features " + features + ", horizon " + horizon);
        }
        if (inputs.length != (long) count * steps * features || targets.length != (long) count * horizon) {
            throw new IllegalArgumentException("window arrays hold " + inputs.length + " inputs and " + targets.length
                    + " targets but " + count + " windows need " + (long) count * steps * features + " and "
                    + (long) count * horizon);
        }
    }

    public int inputSize() {
        return steps * features;
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
