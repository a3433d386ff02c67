package io.seqcast.forecast;

import io.seqcast.training.Prediction;

import java.util.List;

/**
 * What {@link ForecastService} answers.
 *
 * @param model the model that served the request
 * @param forecasts one per series, in the request's order
 * @param warnings what the client should know (padding, recursive extension, auto-mode fallback)
 * @param auto how the auto-mode model was trained, or {@code null} for a registered model
 */
public record ForecastResult(ServedBy model, List<SeriesForecast> forecasts, List<String> warnings, AutoFit auto) {

    /**
     * @param name model name
     * @param version version number; 0 for an ephemeral auto-mode model
     * @param ephemeral whether the model was trained for this request and not registered
     */
    public record ServedBy(String name, int version, boolean ephemeral) {
    }

    /**
     * @param id series id
     * @param frequency the series' frequency code when known, else {@code null}
     * @param timestamps the forecast steps' timestamps when the series has a time axis, else {@code null}
     * @param mean point forecasts
     * @param intervals one per level
     * @param extendedFrom 0, or the first step (0-based) forecast recursively beyond the model's horizon
     * @param paddedSteps input steps that were padding (series shorter than the model's window)
     * @param selection which forecaster answered and how the candidates did on the series' own past
     */
    public record SeriesForecast(String id, String frequency, List<String> timestamps, double[] mean,
                                 List<Prediction.Interval> intervals, int extendedFrom, int paddedSteps,
                                 Prediction.Selection selection) {
    }

    /**
     * How an auto-mode model was fitted.
     *
     * @param fallback whether the default model answered instead (series too short for a model of their own)
     * @param reason why it fell back, or {@code null}
     * @param millis wall time of the fit
     * @param epochs epochs run before the refit
     * @param refitEpochs epochs of the refit on all data (0: none; e.g. stopped by the budget)
     * @param stoppedByBudget whether the time budget ended training
     * @param validationMase the model's MASE on its held-out windows, or {@code null}
     * @param seasonalNaiveMase seasonal naive's MASE on the same windows, or {@code null}
     */
    public record AutoFit(boolean fallback, String reason, long millis, int epochs, int refitEpochs,
                          boolean stoppedByBudget, Double validationMase, Double seasonalNaiveMase) {
    }
}
