package io.seqcast.training;

import java.util.List;
import java.util.Map;

/**
 * A forecast for one series, in the data's units.
 *
 * @param id the series id
 * @param mean point forecast, one value per step
 * @param intervals one central prediction interval per requested level
 * @param extendedFrom 0 when the model's own horizon covered every step; otherwise the first step
 *     (0-based) that was forecast recursively, feeding earlier forecasts back as inputs
 * @param paddedSteps how many of the model's input steps were padding (a series shorter than the
 *     model's window), 0 normally
 * @param selection how the forecast was chosen and its intervals calibrated on the series' own
 *     history, or {@code null} for the model's raw forecast with the model card's intervals
 */
public record Prediction(String id, double[] mean, List<Interval> intervals, int extendedFrom, int paddedSteps,
                         Selection selection) {

    /** The model's raw forecast, with the intervals of its model card. */
    public Prediction(String id, double[] mean, List<Interval> intervals, int extendedFrom, int paddedSteps) {
        this(id, mean, intervals, extendedFrom, paddedSteps, null);
    }

    /** A central interval: the true value lies in {@code [lower, upper]} with probability {@code level}%. */
    public record Interval(double level, double[] lower, double[] upper) {
    }

    /**
     * The outcome of {@link RollingOriginSelector}: which forecaster answered for this series and how
     * each candidate did on the series' own rolling origins.
     *
     * @param method the forecaster that answered: {@code model+theta+damped}, {@code model+theta},
     *     {@code model}, {@code theta}, {@code damped-trend}, {@code autoregression}, {@code seasonal-naive},
     *     {@code seasonal-smoothing}, {@code seasonal-naive-long} or {@code multi-seasonal}
     * @param origins how many rolling origins of the series' own history scored the candidates and
     *     calibrated the intervals; 0 when the series was too short (then the model answered with its
     *     model card's intervals)
     * @param mase each candidate's MASE over those origins (mean absolute error over the in-sample
     *     seasonal-naive MAE), in candidate order; empty when {@code origins} is 0
     */
    public record Selection(String method, int origins, Map<String, Double> mase) {
    }
}
