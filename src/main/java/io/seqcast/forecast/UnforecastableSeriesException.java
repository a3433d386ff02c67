package io.seqcast.forecast;

/**
 * A valid series whose forecast came out non-finite (values so large that scaling overflows): 422,
 * naming the series, rather than a response with {@code NaN} in it.
 */
public class UnforecastableSeriesException extends RuntimeException {

    private final String seriesId;

    public UnforecastableSeriesException(String seriesId, String message) {
        super(message);
        this.seriesId = seriesId;
    }

    public String seriesId() {
        return seriesId;
    }
}
