package io.seqcast.nn.weights;

/**
 * Resource bounds for reading a weights file that may be hostile or corrupt. Every size the file
 * declares is checked against these (and against the real file size) before memory is allocated for
 * it, so a few forged header bytes cannot make the reader allocate gigabytes.
 *
 * <p>Peak memory of a read is about the file size (the bytes are held while decoding) plus the
 * decoded {@code float[]} values: the same again for F32 data, twice the data bytes for F16/BF16.
 *
 * @param maxHeaderBytes largest accepted JSON header, in bytes (at least 1)
 * @param maxTensors largest accepted number of tensors in the header (at least 0)
 * @param maxTotalBytes largest accepted whole file (8-byte length + header + data), in bytes;
 *     between 8 and {@link #MAX_TOTAL_BYTES}
 */
public record Limits(long maxHeaderBytes, int maxTensors, long maxTotalBytes) {

    /** The ceiling for {@code maxTotalBytes}: a file is held in one {@code byte[]} while decoded. */
    public static final long MAX_TOTAL_BYTES = Integer.MAX_VALUE - 8;

    /**
     * 1 MiB of header, 10,000 tensors, 512 MiB per file: far above any forecasting model here
     * (the largest fixture has a 1 KiB header, 10 tensors and 15 KiB) yet bounded.
     */
    public static final Limits DEFAULT = new Limits(1L << 20, 10_000, 512L << 20);

    /** Validates the bounds. */
    public Limits {
        if (maxHeaderBytes < 1) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1, got " + maxHeaderBytes);
        }
        if (maxTensors < 0) {
            throw new IllegalArgumentException("maxTensors must not be negative, got " + maxTensors);
        }
        if (maxTotalBytes < 8 || maxTotalBytes > MAX_TOTAL_BYTES) {
            throw new IllegalArgumentException(
                    "maxTotalBytes must be in [8, " + MAX_TOTAL_BYTES + "], got " + maxTotalBytes);
        }
    }
}
