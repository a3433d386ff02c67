package io.seqcast.series.stats;

/**
 * The seasonality test and classical decomposition of R's {@code thetaf}: seasonal indices by
 * phase, from the ratio (or, for data with values {@code <= 0}, the difference) of the series to
 * its centred moving average, as {@code stats::decompose}.
 *
 * <p>Phases count from the first point of the series: phase of point {@code t} is {@code t mod
 * season}.
 */
final class SeasonalIndices {

    /** {@code qnorm(0.95)}: thetaf compares {@code |r_season|} with it, a two-sided test at 10%. */
    private static final double Z_95 = 1.6448536269514722;

    /** R's thetaf drops the seasonal adjustment when an index is this close to zero. */
    private static final double MIN_MULTIPLICATIVE_INDEX = 1e-4;

    private final double[] index;
    private final boolean multiplicative;

    private SeasonalIndices(double[] index, boolean multiplicative) {
        this.index = index;
        this.multiplicative = multiplicative;
    }

    /**
     * The seasonal indices of {@code y}, or {@code null} when it is not seasonal: {@code season <=
     * 1}, at most two seasons of points (thetaf's {@code n > 2m}), a constant series, or a lag-{@code
     * season} autocorrelation inside {@code qnorm(0.95) * sqrt((1 + 2 * sum(r_i^2, i < season)) / n)}
     * (Bartlett's standard error).
     *
     * <p>Multiplicative when every value is positive, as thetaf; otherwise additive, where R would
     * divide by a trend that can be near or below zero and get indices of any sign: dropping the
     * seasonality instead would turn, say, a temperature series in degrees Celsius into a flat
     * forecast.
     */
    static SeasonalIndices estimate(double[] y, int season) {
        int n = y.length;
        if (season <= 1 || n <= 2L * season || !seasonalByAutocorrelation(y, season)) {
            return null;
        }
        boolean positive = true;
        for (double v : y) {
            positive &= v > 0;
        }
        double[] index = decompose(y, season, positive);
        if (positive) {
            for (double s : index) {
                if (Math.abs(s) < MIN_MULTIPLICATIVE_INDEX) {
                    return null; // thetaf: "Seasonal indexes close to zero. Using non-seasonal Theta method"
                }
            }
        }
        return new SeasonalIndices(index, positive);
    }

    /** Whether the indices divide (else they are subtracted). */
    boolean multiplicative() {
        return multiplicative;
    }

    /** Removes the seasonal pattern from {@code y}, in place. */
    void deseasonalise(double[] y) {
        int m = index.length;
        for (int t = 0; t < y.length; t++) {
            y[t] = multiplicative ? y[t] / index[t % m] : y[t] - index[t % m];
        }
    }

    /** Puts the pattern back into a forecast that starts right after {@code historyLength} points. */
    void reseasonalise(double[] forecast, int historyLength) {
        int m = index.length;
        for (int i = 0; i < forecast.length; i++) {
            int phase = (int) ((historyLength + (long) i) % m);
            forecast[i] = multiplicative ? forecast[i] * index[phase] : forecast[i] + index[phase];
        }
    }

    /**
     * R's {@code acf} (mean removed, divided by n) at lags 1..season and thetaf's test; false for a
     * constant series, whose autocorrelation is undefined.
     */
    private static boolean seasonalByAutocorrelation(double[] y, int season) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double variance = 0;
        for (double v : y) {
            variance += (v - mean) * (v - mean);
        }
        if (variance == 0) {
            return false;
        }
        double shorterLagsSquared = 0;
        double r = 0;
        for (int lag = 1; lag <= season; lag++) {
            double sum = 0;
            for (int t = 0; t + lag < n; t++) {
                sum += (y[t] - mean) * (y[t + lag] - mean);
            }
            r = sum / variance;
            if (lag < season) {
                shorterLagsSquared += r * r;
            }
        }
        return Math.abs(r) > Z_95 * Math.sqrt((1 + 2 * shorterLagsSquared) / n);
    }

    /**
     * {@code stats::decompose}'s figure: the trend is the centred moving average of order {@code
     * season} (the 2 x m average, end weights 1/2, when it is even), defined for points at least
     * half a season from either end; each phase's index is the mean ratio (difference) of the
     * series to it; the indices are then scaled to mean 1 (shifted to mean 0). Needs {@code n >
     * season}, so every phase has at least one defined trend point.
     */
    private static double[] decompose(double[] y, int season, boolean multiplicative) {
        int n = y.length;
        boolean even = season % 2 == 0;
        int half = season / 2;
        // window of full-weight points around t: [t - half + 1, t + half - 1] when even, [t - half, t + half] when odd
        int inner = even ? half - 1 : half;
        double[] sums = new double[season];
        int[] counts = new int[season];
        double windowSum = 0;
        for (int j = half - inner; j <= half + inner; j++) {
            windowSum += y[j];
        }
        for (int t = half; t < n - half; t++) {
            if (t > half) {
                windowSum += y[t + inner] - y[t - inner - 1];
            }
            double trend = even ? (windowSum + (y[t - half] + y[t + half]) / 2) / season : windowSum / season;
            sums[t % season] += multiplicative ? y[t] / trend : y[t] - trend;
            counts[t % season]++;
        }
        double mean = 0;
        for (int p = 0; p < season; p++) {
            sums[p] /= counts[p];
            mean += sums[p];
        }
        mean /= season;
        for (int p = 0; p < season; p++) {
            sums[p] = multiplicative ? sums[p] / mean : sums[p] - mean;
        }
        return sums;
    }
}
