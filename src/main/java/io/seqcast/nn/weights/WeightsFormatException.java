package io.seqcast.nn.weights;

/**
 * A weights file (or stream) that cannot be read: malformed, inconsistent, over a {@link Limits}
 * bound, holding an unsupported dtype or non-finite values, or unreadable (then the cause is the
 * {@link java.io.IOException}).
 *
 * <p>The message always starts with the source name, then the tensor when one is involved, then
 * what was expected and what was found, e.g.
 * {@code model.safetensors: tensor 'head.bias': data_offsets [0, 12] span 12 bytes but shape [4] of F32 needs 16 bytes}.
 */
public class WeightsFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String tensor;

    /**
     * @param source the file name or other source description given to the reader
     * @param tensor the tensor concerned, or {@code null} for a file-level problem
     * @param detail what is wrong, with the expected and actual values
     */
    public WeightsFormatException(String source, String tensor, String detail) {
        this(source, tensor, detail, null);
    }

    /** As {@link #WeightsFormatException(String, String, String)}, with a cause. */
    public WeightsFormatException(String source, String tensor, String detail, Throwable cause) {
        super(source + ": " + (tensor == null ? "" : "tensor '" + tensor + "': ") + detail, cause);
        this.source = source;
        this.tensor = tensor;
    }

    /** The file name or source description the reader was given. */
    public String source() {
        return source;
    }

    /** The tensor concerned, or {@code null} when the problem is not about one tensor. */
    public String tensor() {
        return tensor;
    }
}
