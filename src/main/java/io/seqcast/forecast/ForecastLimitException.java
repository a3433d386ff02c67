package io.seqcast.forecast;

import io.seqcast.input.InputLimitException;

/**
 * A forecast or backtest request over a configured size limit (series, points, levels, the size of
 * the answer, a backtest's series x windows): 413, refused before the work is allocated.
 * {@link #field()} names what was too large.
 */
public class ForecastLimitException extends InputLimitException {

    public ForecastLimitException(String field, String message) {
        super(field, message);
    }
}
