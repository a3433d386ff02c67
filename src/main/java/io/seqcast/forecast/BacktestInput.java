package io.seqcast.forecast;

import java.util.List;

/**
 * A backtest request as the service takes it (JSON or CSV). Fields are as the client sent them;
 * {@link BacktestService} checks them and names the offending field in its errors.
 *
 * @param model as in {@link ForecastInput#model()}, {@code auto} included
 * @param horizon steps forecast from each origin; {@code null} when missing (an error)
 * @param windows rolling origins, or {@code null} for {@code seqcast.forecast.backtest.default-windows}
 * @param step points between consecutive origins, or {@code null} for the horizon
 * @param frequency as in {@link ForecastInput#frequency()}
 * @param levels interval levels in percent whose coverage is measured, or {@code null} for the defaults
 * @param series the series, in the client's order
 * @param selection as in {@link ForecastInput#selection()}: the backtest scores what {@code POST /forecast}
 *     would have answered at each origin
 */
public record BacktestInput(String model, Integer horizon, Integer windows, Integer step, String frequency,
                            List<Double> levels, List<ForecastInput.SeriesInput> series, String selection) {

    /** A backtest with the configured selection policy. */
    public BacktestInput(String model, Integer horizon, Integer windows, Integer step, String frequency,
                         List<Double> levels, List<ForecastInput.SeriesInput> series) {
        this(model, horizon, windows, step, frequency, levels, series, null);
    }
}
