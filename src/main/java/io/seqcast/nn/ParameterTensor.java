package io.seqcast.nn;

import java.util.Arrays;

/**
 * One named parameter tensor inside a model's single flat parameter array: its PyTorch name, its
 * shape and where its values start.
 *
 * @param name PyTorch state-dict name, e.g. {@code rnn.weight_hh_l0} or {@code head.bias}
 * @param shape row-major shape, e.g. {@code [3*hidden, hidden]}
 * @param offset index of the first value in the flat parameter (and gradient) array
 */
public record ParameterTensor(String name, int[] shape, int offset) {

    public ParameterTensor {
        shape = shape.clone();
    }

    /** Number of values: the product of the shape. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterTensor p && p.name.equals(name) && p.offset == offset && Arrays.equals(p.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + offset;
    }
}
