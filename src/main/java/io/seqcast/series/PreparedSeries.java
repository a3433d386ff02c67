package io.seqcast.series;

/**
 * One series ready to be cut into windows: gap-filled and scaled, oldest value first.
 *
 * @param values     the scaled values; not copied, callers do not write into them afterwards
 * @param startPhase position of {@code values[0]} within the season (e.g. 0 for a monthly
 *                   series starting in January, 3 for April), so that series with different
 *                   start dates get consistent seasonal-position features; 0 when unknown
 */
public record PreparedSeries(float[] values, int startPhase) {

    public PreparedSeries {
        if (values == null) {
            throw new IllegalArgumentException("values are required");
        }
        if (startPhase < 0) {
            throw new IllegalArgumentException("startPhase must be >= 0, got " + startPhase);
        }
    }

    /** A series whose first value is at season position 0. */
    public static PreparedSeries of(float[] values) {
        return new PreparedSeries(values, 0);
    }

    public int length() {
        return values.length;
    }
}
