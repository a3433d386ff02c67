package io.seqcast.series.metrics;

/**
 * Point and interval accuracy of a forecast against the actual values, in double precision.
 *
 * <p>All methods take arrays of equal, non-zero length (else {@link IllegalArgumentException});
 * a {@code NaN} in the input propagates to the result rather than being skipped, so a broken
 * forecast cannot look accurate.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Mean absolute error. */
    public static double mae(double[] actual, double[] forecast) {
        check(actual, forecast, "forecast");
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - forecast[i]);
        }
        return sum / actual.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] forecast) {
        check(actual, forecast, "forecast");
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - forecast[i];
            sum += e * e;
        }
        return Math.sqrt(sum / actual.length);
    }

    /**
     * Symmetric MAPE in percent, {@code 200/n · Σ |a - f| / (|a| + |f|)}, in [0, 200] (the M4
     * definition). A term with {@code a = f = 0} is a perfect forecast and counts as 0.
     */
    public static double smape(double[] actual, double[] forecast) {
        check(actual, forecast, "forecast");
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double den = Math.abs(actual[i]) + Math.abs(forecast[i]);
            double num = Math.abs(actual[i] - forecast[i]);
            sum += den == 0 ? 0 : num / den;
        }
        return 200 * sum / actual.length;
    }

    /**
     * Mean absolute scaled error: the forecast's MAE divided by the in-sample MAE of the
     * seasonal-naive forecast on {@code history}, lag {@code seasonLength}; lag 1 (naive) when
     * {@code seasonLength <= 1} or the history has no more than {@code seasonLength} points.
     *
     * <p>When that in-sample MAE is 0 (a constant, or perfectly periodic, history) the ratio is
     * undefined: the result is 0 when the forecast is exact too and {@code NaN} otherwise. No
     * silent fallback to another lag, because that would mix two scales in one average; callers
     * averaging MASE over series skip or report the {@code NaN}.
     *
     * @param history the in-sample series the forecast was made from, at least 2 points
     */
    public static double mase(double[] actual, double[] forecast, double[] history, int seasonLength) {
        check(actual, forecast, "forecast");
        int lag = scaleLag(history.length, seasonLength);
        if (history.length <= lag) {
            throw new IllegalArgumentException("MASE needs at least 2 history points, got " + history.length);
        }
        double scale = 0;
        for (int t = lag; t < history.length; t++) {
            scale += Math.abs(history[t] - history[t - lag]);
        }
        scale /= history.length - lag;
        double mae = mae(actual, forecast);
        if (scale == 0) {
            return mae == 0 ? 0 : Double.NaN;
        }
        return mae / scale;
    }

    /** The lag {@link #mase} scales by: the season, or 1 when not seasonal or the history is too short. */
    public static int scaleLag(int historyLength, int seasonLength) {
        return seasonLength > 1 && historyLength > seasonLength ? seasonLength : 1;
    }

    /** Share of actual values inside {@code [lower, upper]}, bounds included, in [0, 1]. */
    public static double coverage(double[] actual, double[] lower, double[] upper) {
        check(actual, lower, "lower");
        check(actual, upper, "upper");
        int inside = 0;
        for (int i = 0; i < actual.length; i++) {
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("interval at index " + i + " has lower " + lower[i]
                        + " above upper " + upper[i]);
            }
            if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / actual.length;
    }

    private static void check(double[] actual, double[] other, String name) {
        if (actual.length == 0 || actual.length != other.length) {
            throw new IllegalArgumentException("need equal, non-zero lengths: " + actual.length + " actual values and "
                    + other.length + " " + name + " values");
        }
    }
}
