package io.seqcast.series;

/**
 * A series that cannot be prepared for a model (too many missing values, too few observations,
 * infinite values). It is the client's data, not a server fault: the API layer maps it to a 400
 * that names the series.
 */
public class InvalidSeriesException extends RuntimeException {

    private final String seriesId;

    public InvalidSeriesException(String seriesId, String message) {
        super("series '" + seriesId + "': " + message);
        this.seriesId = seriesId;
    }

    /** The id of the offending series, as the caller named it. */
    public String seriesId() {
        return seriesId;
    }
}
