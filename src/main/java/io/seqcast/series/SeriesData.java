package io.seqcast.series;

import java.util.List;

/**
 * One series as a client sent it: an id, the values oldest first ({@code NaN} where missing), and
 * optionally one timestamp per value.
 *
 * @param id the client's name for the series (echoed back, never used as a metric tag)
 * @param values observations, oldest first; {@code NaN} marks a missing value; not copied
 * @param timestamps ISO-8601 dates or date-times, one per value, or {@code null}
 */
public record SeriesData(String id, double[] values, List<String> timestamps) {

    public SeriesData {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("series id is required");
        }
        if (values == null) {
            throw new IllegalArgumentException("series '" + id + "' has no values");
        }
        if (timestamps != null) {
            timestamps = List.copyOf(timestamps);
        }
    }

    public int length() {
        return values.length;
    }
}
