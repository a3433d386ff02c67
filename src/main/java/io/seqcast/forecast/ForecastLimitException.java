package io.seqcast.forecast;

/**
 * A request over a configured size limit (series per request, points per series, body size): 413.
 * {@link #field()} names what was too large.
 */
public class ForecastLimitException extends RuntimeException {

    private final String field;

    public ForecastLimitException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
