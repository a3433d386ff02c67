package io.seqcast.forecast;

import java.util.List;
import java.util.Map;

/**
 * What {@link BacktestService} answers. Metrics that are undefined (MASE of a series whose history
 * has no variation at the season's lag) or not finite (overflow) are {@code null}.
 *
 * @param model the model evaluated ({@code auto}, version 0, ephemeral, in auto mode)
 * @param horizon steps forecast from each origin
 * @param windows rolling origins per series
 * @param step points between consecutive origins
 * @param series one per series, in the request's order
 * @param aggregate the mean over series of each metric (series where it is {@code null} left out)
 * @param warnings what the client should know (padding, recursive extension, auto-mode fallbacks)
 * @param auto how the auto-mode fits went, or {@code null} for a registered model
 */
public record BacktestResult(ForecastResult.ServedBy model, int horizon, int windows, int step,
                             List<SeriesBacktest> series, Comparison aggregate, List<String> warnings,
                             AutoFits auto) {

    /**
     * @param id series id
     * @param season the season length of the seasonal-naive baseline and of the MASE scale
     * @param origins the index of each origin: the first forecast point; the history is everything before it
     * @param metrics the model and the baselines on the same windows
     */
    public record SeriesBacktest(String id, int season, int[] origins, Comparison metrics) {
    }

    /** The model and the two baselines, scored on the same windows. */
    public record Comparison(Scores model, Scores naive, Scores seasonalNaive) {
    }

    /**
     * @param mae mean absolute error over every forecast point of every window
     * @param rmse root mean squared error over every forecast point of every window
     * @param smape symmetric MAPE in percent (0 to 200) over every forecast point of every window
     * @param mase mean over windows of each window's MAE scaled by the in-sample seasonal-naive MAE of the
     *     history before its origin
     * @param coverage share of actual values inside the model's interval, by level; {@code null} for the
     *     baselines (they have no intervals)
     */
    public record Scores(Double mae, Double rmse, Double smape, Double mase, Map<Double, Double> coverage) {
    }

    /**
     * @param fits models fitted (one per origin)
     * @param fallbacks origins where the histories were too short for a model of their own and the default
     *     model forecast instead
     * @param stoppedByBudget fits that the per-origin time budget ended
     * @param budgetMillis each fit's time budget
     * @param millis wall time of all fits
     */
    public record AutoFits(int fits, int fallbacks, int stoppedByBudget, long budgetMillis, long millis) {
    }
}
