package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * An autoregressive forecast as R's {@code ar()} makes it by default: Yule-Walker estimates for every
 * order up to {@code min(n - 1, 10 log10 n)} by the Levinson-Durbin recursion, the order with the
 * least AIC, forecasts by running the recursion forward. It is the candidate for cycles that are not
 * seasons: animal populations, sunspots, hormone levels, where exponential smoothing extrapolates
 * a level or a trend and misses the turn.
 *
 * <p>On the seasonally adjusted history ({@link AdjustedHistory}, as Theta and damped trend), minus
 * its mean: the fitted process reverts to that mean, so on a trending series it is a poor forecast,
 * and a per-series check ({@code RollingOriginSelector}) will not choose it there. Fewer than 4
 * points, or a constant history: the mean. Cost {@code O(n p)} for the autocovariances plus
 * {@code O(p^2)} for the recursion. The input is not modified.
 */
public final class Autoregression {

    private Autoregression() {
    }

    /**
     * @param history finite values without gaps, at least one
     * @param season observations per seasonal cycle; {@code <= 1} means not seasonal
     * @param horizon steps to forecast, at least 1
     * @return {@code horizon} finite values
     */
    public static double[] forecast(double[] history, int season, int horizon) {
        AdjustedHistory.checkArguments(history, horizon);
        AdjustedHistory adjusted = AdjustedHistory.of(history, season);
        double[] x = adjusted.values;
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] forecast = new double[horizon];
        double[] phi = n < 4 ? new double[0] : coefficients(x, mean);
        int p = phi.length;
        // The last p centred values, then the forecasts appended to them.
        double[] path = new double[p + horizon];
        for (int j = 0; j < p; j++) {
            path[j] = x[n - p + j] - mean;
        }
        for (int i = 0; i < horizon; i++) {
            double z = 0;
            for (int j = 0; j < p; j++) {
                z += phi[j] * path[p + i - 1 - j];
            }
            path[p + i] = z;
            forecast[i] = z + mean;
        }
        return adjusted.restore(forecast);
    }

    /**
     * The Yule-Walker coefficients {@code phi_1..phi_p} of the AIC-best order (AIC {@code n log s2_p + 2p},
     * {@code s2_p} the innovation variance of order {@code p}); empty for order 0.
     */
    static double[] coefficients(double[] x, double mean) {
        int n = x.length;
        int maxOrder = Math.min(n - 1, (int) Math.floor(10 * Math.log10(n)));
        double[] r = new double[maxOrder + 1];
        for (int k = 0; k <= maxOrder; k++) {
            double sum = 0;
            for (int t = k; t < n; t++) {
                sum += (x[t] - mean) * (x[t - k] - mean);
            }
            r[k] = sum / n;
        }
        if (!(r[0] > 0) || !Double.isFinite(r[0])) {
            return new double[0];
        }
        double[] phi = new double[maxOrder + 1];
        double[] previous = new double[maxOrder + 1];
        double variance = r[0];
        double bestAic = n * Math.log(variance);
        double[] best = new double[0];
        for (int k = 1; k <= maxOrder; k++) {
            double acc = r[k];
            for (int j = 1; j < k; j++) {
                acc -= previous[j] * r[k - j];
            }
            double reflection = acc / variance;
            if (!Double.isFinite(reflection) || Math.abs(reflection) >= 1) {
                break;
            }
            phi[k] = reflection;
            for (int j = 1; j < k; j++) {
                phi[j] = previous[j] - reflection * previous[k - j];
            }
            variance *= 1 - reflection * reflection;
            if (!(variance > 0)) {
                break;
            }
            double aic = n * Math.log(variance) + 2 * k;
            if (aic < bestAic) {
                bestAic = aic;
                best = Arrays.copyOfRange(phi, 1, k + 1);
            }
            System.arraycopy(phi, 0, previous, 0, k + 1);
        }
        return best;
    }
}
