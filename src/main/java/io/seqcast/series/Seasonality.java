package io.seqcast.series;

import io.seqcast.series.stats.SeasonalStrength;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Infers the seasonal periods of a series: the one season length (observations per seasonal cycle;
 * 1 means not seasonal) that most callers use ({@link #infer}), and every cycle the frequency implies
 * and the data show ({@link #periods}), for forecasters that handle several.
 *
 * <p>{@link #infer}, in order:
 * <ol>
 *   <li>a known frequency decides ({@link #fromFrequency}): M 12, Q 4, Y 1, W 52 (the year;
 *       52.18 rounded), D 7 (the week), H 24 (the day), {@code <n>min}
 *       and {@code <n>H} the number of steps per day when they divide it (15min 96), other
 *       multiples 1; B 5 (the trading week) only when {@link SeasonalStrength} finds that cycle in
 *       the data (business-day series are mostly prices, where a day-of-week cycle is rare: on the dev
 *       sets the two stock indices do not have one, docs/accuracy.md). The others are not tested, as the
 *       calendar season was what the forecasters were tuned with. One cycle per frequency keeps
 *       the network's windows short: the longer cycles are {@link #periods}';</li>
 *   <li>otherwise the autocorrelation function ({@link #fromAcf}): the series is differenced
 *       once (removes trend, which would otherwise make every lag look correlated), and the
 *       season is the lag k in 2..n/3 (at least three cycles) with the highest autocorrelation
 *       that is a local peak and exceeds {@code 1.96 * sqrt((1 + 2 * sum(r_j^2, j < k)) / n) + 0.1}:
 *       Bartlett's 95% band (differencing white noise leaves r_1 = -0.5, which widens the band of
 *       every later lag; the plain {@code 1.96/sqrt(n)} gave 7-10% false seasons on white noise)
 *       plus a margin, because the maximum over ~n/3 candidate lags is taken. Measured on 500
 *       seeded white-noise series each of length 30, 60, 200, 1000: at most 4 false seasons per
 *       500; 500 random walks of 200 points: 2; a noisy period-7 sine of 60 points: found 100 of 100 times;</li>
 *   <li>otherwise 1.</li>
 * </ol>
 */
public final class Seasonality {

    /** Added to the 95% Bartlett band to keep chance peaks among many lags out. */
    public static final double MARGIN = 0.1;

    /** Below this many points the ACF is too noisy to name a season. */
    public static final int MIN_LENGTH_FOR_ACF = 12;

    private Seasonality() {
    }

    /** Season length from the frequency when known, else from the ACF (see the class comment). */
    public static int infer(double[] series, Frequency frequency) {
        if (frequency == null) {
            return fromAcf(series);
        }
        int season = fromFrequency(frequency);
        if (frequency.unit() == Frequency.Unit.BUSINESS_DAY && season > 1) {
            SeasonalStrength.Result test = finite(series) ? SeasonalStrength.test(series, season) : null;
            return test != null && test.supported() ? season : 1;
        }
        return season;
    }

    /**
     * The cycles a frequency implies, shortest first (none for yearly data or odd multiples):
     * {@code <n>min} and {@code <n>H} the day and the week (30min 48 and 336, H 24 and 168) when the
     * step divides them, D the week and the year (7 and 365: 365.25 rounded, a day's drift in four
     * years), B the trading week (5), W the year (52), M 12, Q 4 (multiples of a month: 12 / multiple
     * when it divides 12).
     */
    public static List<Integer> candidates(Frequency frequency) {
        int m = frequency.multiple();
        return switch (frequency.unit()) {
            case MONTH -> 12 % m == 0 && m < 12 ? List.of(12 / m) : List.of();
            case WEEK -> m == 1 ? List.of(52) : List.of();
            case DAY -> m == 1 ? List.of(7, 365) : List.of();
            case BUSINESS_DAY -> m == 1 ? List.of(5) : List.of();
            case HOUR -> 24 % m == 0 && m < 24 ? List.of(24 / m, 168 / m) : List.of();
            case MINUTE -> 1440 % m == 0 && m < 1440 ? List.of(1440 / m, 10080 / m) : List.of();
        };
    }

    /**
     * The seasonal periods of a series: of the frequency's {@link #candidates}, shortest first, those
     * with at least two full cycles in {@code values} that {@link SeasonalStrength} finds, each tested
     * after the profiles of the shorter ones found are taken out (a weekly cycle in half-hourly data is
     * what the week adds to the day: a daily cycle alone repeats every 336 steps too). Empty without
     * a frequency, with a gap ({@code NaN}) or when no candidate is found. Its first period may differ
     * from {@link #infer}'s, which keeps the calendar season untested (but B's).
     *
     * <p>Cost {@code O(n)} per candidate, one copy of the series.
     *
     * @param values the series, gap-filled (a non-finite value gives no periods)
     */
    public static List<Integer> periods(Frequency frequency, double[] values) {
        if (frequency == null || !finite(values)) {
            return List.of();
        }
        double[] rest = null;
        List<Integer> found = new ArrayList<>(2);
        for (int period : candidates(frequency)) {
            if (values.length < 2 * period) {
                break;
            }
            if (rest == null) {
                rest = values.clone();
            }
            SeasonalStrength.Result test = SeasonalStrength.test(rest, period);
            if (test != null && test.supported()) {
                found.add(period);
                double[] profile = test.profile();
                int n = rest.length;
                for (int t = 0; t < n; t++) {
                    rest[t] -= profile[Math.floorMod(t - n, period)];
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean finite(double[] values) {
        return Arrays.stream(values).allMatch(Double::isFinite);
    }

    /** The season length a frequency implies (see the class comment). */
    public static int fromFrequency(Frequency frequency) {
        int m = frequency.multiple();
        switch (frequency.unit()) {
            case MONTH: return 12 % m == 0 ? 12 / m : 1;
            case WEEK: return m == 1 ? 52 : 1;
            case DAY: return m == 1 ? 7 : 1;
            case BUSINESS_DAY: return m == 1 ? 5 : 1;
            case HOUR: return 24 % m == 0 ? 24 / m : 1;
            default: return 1440 % m == 0 ? 1440 / m : 1;
        }
    }

    /**
     * Season length from the autocorrelation of the once-differenced series; 1 when no lag
     * qualifies or the series is shorter than {@link #MIN_LENGTH_FOR_ACF} or not finite.
     */
    public static int fromAcf(double[] series) {
        int n = series.length;
        if (n < MIN_LENGTH_FOR_ACF) {
            return 1;
        }
        double[] d = new double[n - 1];
        for (int i = 1; i < n; i++) {
            d[i - 1] = series[i] - series[i - 1];
        }
        int maxLag = n / 3;
        double[] acf = acf(d, maxLag + 1);
        if (acf == null) {
            return 1; // constant differences (a straight line or constant): nothing periodic
        }
        int best = 1;
        double bestValue = Double.NEGATIVE_INFINITY;
        double squares = acf[1] * acf[1]; // sum of r_j^2 for 1 <= j < k
        for (int k = 2; k <= maxLag; k++) {
            double threshold = 1.96 * Math.sqrt((1 + 2 * squares) / d.length) + MARGIN;
            boolean peak = acf[k] > acf[k - 1] && acf[k] >= acf[k + 1];
            if (peak && acf[k] > threshold && acf[k] > bestValue) {
                best = k;
                bestValue = acf[k];
            }
            squares += acf[k] * acf[k];
        }
        return best;
    }

    /**
     * Sample autocorrelation at lags {@code 0..maxLag} (biased estimator, as R's {@code acf}),
     * or {@code null} when the variance is 0 or not finite. Lags beyond the series are 0.
     */
    static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        double mean = Stats.mean(x, 0, n);
        double c0 = 0;
        for (double v : x) {
            c0 += (v - mean) * (v - mean);
        }
        if (!(c0 > 1e-12 * n * (Math.abs(mean) + 1) * (Math.abs(mean) + 1)) || !Double.isFinite(c0)) {
            return null;
        }
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag && k < n; k++) {
            double c = 0;
            for (int i = k; i < n; i++) {
                c += (x[i] - mean) * (x[i - k] - mean);
            }
            r[k] = c / c0;
        }
        return r;
    }
}
