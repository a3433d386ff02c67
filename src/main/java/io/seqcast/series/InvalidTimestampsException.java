package io.seqcast.series;

/**
 * Timestamps that cannot index a regular series: unparseable, mixed formats, not increasing,
 * or unevenly spaced. Client data, not a server fault (a 400 at the API). {@link #index()} points
 * at the first offending timestamp.
 */
public class InvalidTimestampsException extends RuntimeException {

    private final int index;

    public InvalidTimestampsException(int index, String message) {
        super(message);
        this.index = index;
    }

    /** Position of the first offending timestamp in the caller's list. */
    public int index() {
        return index;
    }
}
