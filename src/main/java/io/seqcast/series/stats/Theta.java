package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * The standard Theta method: simple exponential smoothing plus half the slope of the linear trend,
 * on the seasonally adjusted series. It won the M3 competition and is the classical benchmark a
 * learned model is expected to beat; this is R's {@code forecast::thetaf} (forecast 8.20), which
 * Hyndman &amp; Billah (2003) showed to be SES with drift.
 *
 * <p>Steps, as {@code thetaf} takes them:
 * <ol>
 *   <li>seasonality: with {@code season > 1} and more than two seasons of history ({@code n > 2m}
 *       as thetaf: exactly two seasons are not tested), a two-sided test at the 10% level of the
 *       autocorrelation at lag {@code season}; if seasonal, a classical multiplicative
 *       decomposition and division by the seasonal indices ({@link SeasonalIndices});</li>
 *   <li>SES with the smoothing weight and initial level that minimise the squared one-step errors
 *       ({@link ExponentialSmoothing});</li>
 *   <li>drift: half the least-squares slope of the adjusted series, added as
 *       {@code b * (i + (1 - (1 - alpha)^n) / alpha)} at step {@code i} (0-based);</li>
 *   <li>the seasonal indices put back, their phase continuing from the end of the history.</li>
 * </ol>
 *
 * <p>Short and awkward series: one point gives that point again (R fails: no slope from one
 * point); 2 to 6 points keep the first value as SES's initial level, as R does when {@code ets}
 * refuses so few points and it falls back to {@code HoltWinters}; a constant series gives that
 * constant exactly; a seasonal series with a value {@code <= 0} is decomposed additively, because
 * ratios to a trend near or below zero are meaningless (R divides regardless) and dropping the
 * seasonality would lose it for, say, temperatures in degrees Celsius. The input is not modified.
 *
 * <p>Cost: {@code O(n * season)} for the seasonality test and three SES passes over the series, two
 * of them for 24 values of {@code alpha} at once: about 150 us for 2,000 monthly points.
 */
public final class Theta {

    private Theta() {
    }

    /**
     * Point forecast of the standard Theta method (Assimakopoulos &amp; Nikolopoulos 2000, as R's
     * forecast::thetaf / Hyndman &amp; Billah 2003).
     *
     * @param history finite values without gaps, at least one
     * @param season observations per seasonal cycle; {@code <= 1} means not seasonal
     * @param horizon steps to forecast, at least 1
     * @return {@code horizon} finite values (an overflow beyond the double range is clamped to
     *     {@code ±Double.MAX_VALUE})
     */
    public static double[] forecast(double[] history, int season, int horizon) {
        AdjustedHistory.checkArguments(history, horizon);
        int n = history.length;
        double[] out = new double[horizon];
        if (n == 1) {
            Arrays.fill(out, history[0]);
            return out;
        }
        AdjustedHistory adjusted = AdjustedHistory.of(history, season);
        double[] y = adjusted.values;
        boolean fitInitialLevel = n > ExponentialSmoothing.MAX_LENGTH_FIRST_VALUE_LEVEL;
        ExponentialSmoothing.Fit ses = ExponentialSmoothing.fit(y, fitInitialLevel);
        double drift = leastSquaresSlope(y, n) / 2;
        double alpha = ses.alpha();
        // (1 - (1 - alpha)^n) / alpha without cancellation for small alpha
        double driftOffset = -Math.expm1(n * Math.log1p(-alpha)) / alpha;
        for (int i = 0; i < horizon; i++) {
            out[i] = ses.level() + drift * (i + driftOffset);
        }
        return adjusted.restore(out);
    }

    /**
     * The forecasts from rolling origins: for each cut, {@link #forecast} of {@code values[max(0, cut
     * - maxHistory), cut)}, each seeing only the points before its cut. Each cut is fitted afresh
     * (its SES search is already cheap: two grids and a parabola); the counterpart of {@link
     * DampedTrend#forecastFrom}.
     *
     * @param values finite values without gaps
     * @param cuts ascending (not necessarily distinct), each in {@code [1, values.length]}
     * @param maxHistory most points before a cut that its fit sees, at least 1
     * @return per cut, {@code horizon} finite values
     * @throws IllegalArgumentException for cuts out of order or range, a horizon below 1 or maxHistory below 1
     */
    public static double[][] forecastFrom(double[] values, int[] cuts, int season, int horizon, int maxHistory) {
        AdjustedHistory.checkCuts(values, cuts, maxHistory);
        double[][] out = new double[cuts.length][];
        for (int c = 0; c < cuts.length; c++) {
            out[c] = forecast(Arrays.copyOfRange(values, Math.max(0, cuts[c] - maxHistory), cuts[c]), season, horizon);
        }
        return out;
    }

    /**
     * Slope of the ordinary least-squares line through {@code (t, y[t])}, {@code t = 0..n-1}: the
     * first {@code n} points (at least 1) of {@code y}.
     */
    static double leastSquaresSlope(double[] y, int n) {
        double tMean = (n - 1) / 2.0;
        double cross = 0;
        for (int t = 0; t < n; t++) {
            cross += (t - tMean) * (y[t] - y[0]); // shifting y leaves the slope alone, helps rounding
        }
        double tSquares = n * ((double) n * n - 1) / 12; // sum of (t - tMean)^2
        return tSquares == 0 ? 0 : cross / tSquares;
    }
}
