package io.seqcast.training;

import java.util.List;

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
 */
public record Prediction(String id, double[] mean, List<Interval> intervals, int extendedFrom, int paddedSteps) {

    /** A central interval: the true value lies in {@code [lower, upper]} with probability {@code level}%. */
    public record Interval(double level, double[] lower, double[] upper) {
    }
}
