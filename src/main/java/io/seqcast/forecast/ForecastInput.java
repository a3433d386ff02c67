package io.seqcast.forecast;

import java.util.List;

/**
 * A forecast request as the service takes it, whatever its wire format (JSON or CSV). Fields are as
 * the client sent them; {@link ForecastService} checks them against the limits and names the
 * offending field in its errors.
 *
 * @param model {@code NAME}, {@code NAME@7}, {@code NAME@alias}, {@code auto}, or {@code null} for
 *     the default model
 * @param horizon steps to forecast; {@code null} when missing (an error)
 * @param frequency frequency code or ISO-8601 duration, or {@code null} to infer it from timestamps
 * @param levels interval levels in percent, or {@code null} for the configured defaults
 * @param series the series, in the client's order
 * @param selection {@code best} or {@code model} (see {@link ForecastProperties.Selection#policy()}), or
 *     {@code null} for the configured policy
 */
public record ForecastInput(String model, Integer horizon, String frequency, List<Double> levels,
                            List<SeriesInput> series, String selection) {

    /** A request with the configured selection policy. */
    public ForecastInput(String model, Integer horizon, String frequency, List<Double> levels,
                         List<SeriesInput> series) {
        this(model, horizon, frequency, levels, series, null);
    }

    /**
     * One series.
     *
     * @param id the client's name for it
     * @param values observations oldest first, {@code NaN} where missing
     * @param timestamps one per value, or {@code null}
     * @param start the first value's timestamp (with a frequency, instead of {@code timestamps}), or {@code null}
     */
    public record SeriesInput(String id, double[] values, List<String> timestamps, String start) {
    }
}
