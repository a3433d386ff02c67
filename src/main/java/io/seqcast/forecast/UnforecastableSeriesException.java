package io.seqcast.forecast;

import io.seqcast.input.ProblemException;

import java.util.Map;

/**
 * A valid series whose forecast came out non-finite (values so large that scaling overflows): 422,
 * naming the series, rather than a response with {@code NaN} in it.
 */
public class UnforecastableSeriesException extends ProblemException {

    private final String seriesId;

    public UnforecastableSeriesException(String seriesId, String message) {
        super(null, message);
        this.seriesId = seriesId;
    }

    public String seriesId() {
        return seriesId;
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String title() {
        return "Series cannot be forecast";
    }

    @Override
    protected String typeName() {
        return "unforecastable-series";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("seriesId", seriesId);
    }
}
