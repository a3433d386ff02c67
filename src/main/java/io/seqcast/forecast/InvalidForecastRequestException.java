package io.seqcast.forecast;

/**
 * A forecast request the service cannot accept as sent: a missing or out-of-range field, bad
 * timestamps, a series it cannot prepare. A client error (400); {@link #field()} points at the
 * offending part ({@code horizon}, {@code series[2].values[7]}, {@code line 14}).
 */
public class InvalidForecastRequestException extends RuntimeException {

    private final String field;

    public InvalidForecastRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field, e.g. {@code series[0].timestamps[3]}. */
    public String field() {
        return field;
    }
}
