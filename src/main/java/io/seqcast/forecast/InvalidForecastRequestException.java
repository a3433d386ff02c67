package io.seqcast.forecast;

import io.seqcast.input.InvalidInputException;

/**
 * A forecast or backtest request the service cannot accept as sent: a missing or out-of-range field,
 * bad timestamps, a series it cannot prepare. A client error (400); {@link #field()} points at the
 * offending part ({@code horizon}, {@code series[2].values[7]}, {@code levels[3]}).
 */
public class InvalidForecastRequestException extends InvalidInputException {

    public InvalidForecastRequestException(String field, String message) {
        super(field, message);
    }
}
