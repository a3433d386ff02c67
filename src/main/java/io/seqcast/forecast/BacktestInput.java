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
 */
public record BacktestInput(String model, Integer horizon, Integer windows, Integer step, String frequency,
                            List<Double> levels, List<ForecastInput.SeriesInput> series) {
}
