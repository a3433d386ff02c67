package io.seqcast.nn.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor: a shape and its values as a flat row-major (C order) {@code float[]}, the layout
 * of the tensor core and of PyTorch.
 *
 * <p>The shape is copied in and out (it is tiny). The values array is <em>not</em> copied, because
 * weights can be hundreds of megabytes: the record shares the array it was given and
 * {@link #values()} returns that same array, so neither side may modify it afterwards.
 *
 * <p>{@link #equals} and {@link #hashCode} compare contents ({@link Arrays#equals(float[], float[])}
 * semantics: {@code 0.0f} and {@code -0.0f} differ, bit patterns matter).
 *
 * @param name the tensor name, e.g. {@code rnn.weight_ih_l0}
 * @param shape the dimensions, each {@code >= 0}; {@code []} is a scalar with one value
 * @param values {@code product(shape)} values in row-major order
 */
public record TensorData(String name, int[] shape, float[] values) {

    /**
     * @throws IllegalArgumentException if a dimension is negative or {@code values.length} is not
     *     the product of the shape
     */
    public TensorData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        shape = shape.clone();
        long elements = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "': negative dimension in shape " + Arrays.toString(shape));
            }
            // Saturate instead of overflowing: anything above int range cannot match values.length.
            elements = Math.min(elements * d, Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        if (elements != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " has " + elements + " elements but " + values.length + " values were given");
        }
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The values, row-major; the shared array itself, not a copy (see the class comment). */
    @Override
    public float[] values() {
        return values;
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of values, {@code product(shape)}. */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t
                && name.equals(t.name)
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    /** Name and shape only: printing the values of a weight matrix is never wanted in a log. */
    @Override
    public String toString() {
        return "TensorData[" + name + " " + Arrays.toString(shape) + "]";
    }
}
