package io.seqcast.series.stats;

/**
 * A history as the seasonally adjusted methods ({@link Theta}, {@link DampedTrend}) fit it, and the
 * way back for their forecasts: divided by a power of two that brings its largest magnitude near 1,
 * then, when {@link SeasonalIndices} finds it seasonal, divided by (or, with values {@code <= 0},
 * reduced by) the seasonal indices.
 *
 * <p>Both methods are scale-equivariant, so the power of two changes nothing but rounding, which it
 * does not add to (scaling by {@code 2^k} is exact): it keeps squares of values near {@code 1e200}
 * from overflowing and those near {@code 1e-200} from underflowing.
 */
final class AdjustedHistory {

    /** The scaled, seasonally adjusted history: a copy, the caller's array is not touched. */
    final double[] values;
    private final int exponent;
    /** {@code null} when not seasonal. */
    private final SeasonalIndices seasonal;

    private AdjustedHistory(double[] values, int exponent, SeasonalIndices seasonal) {
        this.values = values;
        this.exponent = exponent;
        this.seasonal = seasonal;
    }

    /**
     * Rejects what no forecast can be made from: an empty history or a horizon below 1.
     *
     * @throws IllegalArgumentException for those
     */
    static void checkArguments(double[] history, int horizon) {
        if (history.length == 0 || horizon < 1) {
            throw new IllegalArgumentException("need a non-empty history and horizon >= 1, got "
                    + history.length + " points and horizon " + horizon);
        }
    }

    /**
     * Rejects rolling origins that are not ascending cuts of {@code values} or a bound on the history below 1.
     *
     * @throws IllegalArgumentException for those
     */
    static void checkCuts(double[] values, int[] cuts, int maxHistory) {
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be at least 1 but was " + maxHistory);
        }
        for (int c = 0; c < cuts.length; c++) {
            if (cuts[c] < 1 || cuts[c] > values.length || (c > 0 && cuts[c] < cuts[c - 1])) {
                throw new IllegalArgumentException("cuts must ascend within [1, " + values.length + "], got "
                        + java.util.Arrays.toString(cuts));
            }
        }
    }

    /** Scales {@code history} and adjusts it for the seasonality of period {@code season} if it has any. */
    static AdjustedHistory of(double[] history, int season) {
        int exponent = scaleExponent(history);
        double[] y = new double[history.length];
        for (int t = 0; t < y.length; t++) {
            y[t] = Math.scalb(history[t], -exponent);
        }
        SeasonalIndices seasonal = SeasonalIndices.estimate(y, season);
        if (seasonal != null) {
            seasonal.deseasonalise(y);
        }
        return new AdjustedHistory(y, exponent, seasonal);
    }

    /**
     * Turns a forecast of the adjusted values into one of the history, in place: the seasonal
     * pattern put back, its phase continuing from the end of the history, and the scale restored;
     * an overflow beyond the double range is clamped to {@code ±Double.MAX_VALUE}.
     *
     * @return {@code forecast}
     */
    double[] restore(double[] forecast) {
        if (seasonal != null) {
            seasonal.reseasonalise(forecast, values.length);
        }
        for (int i = 0; i < forecast.length; i++) {
            forecast[i] = clampToFinite(Math.scalb(forecast[i], exponent));
        }
        return forecast;
    }

    /** {@code values} are the history divided by {@code 2^exponent()} (then seasonally adjusted). */
    int exponent() {
        return exponent;
    }

    /** How the history was adjusted: 0 not seasonal, 1 multiplicatively, 2 additively. */
    int seasonal() {
        return seasonal == null ? 0 : seasonal.multiplicative() ? 1 : 2;
    }

    /** The binary exponent of the largest magnitude, 0 for an all-zero history. */
    static int scaleExponent(double[] history) {
        double maxAbs = 0;
        for (double v : history) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        return maxAbs == 0 ? 0 : Math.getExponent(maxAbs);
    }

    static double clampToFinite(double v) {
        return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, v));
    }
}
