package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * A forecaster for series with several seasonal cycles (half-hourly load with a day and a week,
 * daily sales with a week and a year), in the manner of MSTL (Bandara, Hyndman &amp; Bergmeir 2021):
 * each cycle's profile is estimated in turn with the others taken out, the seasonally adjusted
 * series is forecast by {@link DampedTrend}, and each profile carries on over the horizon.
 *
 * <p>Steps, for periods {@code p_1 < ... < p_k} (those with two full cycles in the history; none left
 * gives {@link DampedTrend} of the history as it is):
 * <ol>
 *   <li>{@value #PASSES} passes over the periods, shortest first: from the history minus the other
 *       cycles' current profiles, subtract its centred moving average over {@code p_i} ({@code 2 x
 *       p_i} for even periods: the classical decomposition's trend) and average each phase over the
 *       cycles where that average is defined, each cycle weighted {@value #CYCLE_DECAY} times the next
 *       newer one (a profile that drifts, as a load curve does over the seasons of the year); the
 *       profile is centred and, for periods of {@value #SMOOTHING_FROM} and more, smoothed by a
 *       3-point circular mean (a long profile from few cycles is mostly noise phase by phase);</li>
 *   <li>the history minus all profiles is forecast ({@link #adjustedForecast}: damped trend of its
 *       means over the shortest period, plus the last point's departure from its mean decaying as
 *       an AR(1)) and each profile is added back at the phase of each step.</li>
 * </ol>
 *
 * <p>On seeded generated series (MultiSeasonalTest, MASE scaled by the in-sample seasonal naive at the
 * longer period): 7 weeks of half-hourly load, the next week: 0.69-0.81 against 0.93-1.01 for seasonal
 * naive at 336 and 1.9-2.5 for damped trend with the day alone; 3 years of daily demand, the next 60
 * days: 0.32-0.40 against 0.86-0.98 for seasonal naive at 365.
 *
 * <p>Cost: {@code O(PASSES * k * n)} for the decomposition plus damped trend's fit to {@code n / p_1}
 * block means (about 230 passes over them); the caller caps {@code n} (the selector at a few
 * cycles of the longest period). Arrays of {@code n} per period, once per call; nothing is allocated
 * per point. The input is not modified.
 */
public final class MultiSeasonal {

    /** Passes over the periods: the second sees each profile without the others' leakage. */
    static final int PASSES = 2;

    /** Weight of a cycle relative to the next newer one in a phase's average. */
    static final double CYCLE_DECAY = 0.8;

    /** Profiles at least this long are smoothed across neighbouring phases. */
    static final int SMOOTHING_FROM = 100;

    private MultiSeasonal() {
    }

    /**
     * Point forecast (see the class comment).
     *
     * @param history finite values without gaps, at least one
     * @param periods the seasonal periods, ascending, each at least 2
     * @param horizon steps to forecast, at least 1
     * @return {@code horizon} finite values
     */
    public static double[] forecast(double[] history, int[] periods, int horizon) {
        AdjustedHistory.checkArguments(history, horizon);
        int n = history.length;
        int[] usable = Arrays.stream(periods).filter(p -> p >= 2 && n >= 2 * p).toArray();
        if (usable.length == 0) {
            return DampedTrend.forecast(history, 1, horizon);
        }
        double[][] profiles = profiles(history, usable);
        double[] adjusted = history.clone();
        for (int i = 0; i < usable.length; i++) {
            subtract(adjusted, profiles[i]);
        }
        double[] out = adjustedForecast(adjusted, usable[0], horizon);
        for (int i = 0; i < usable.length; i++) {
            int p = usable[i];
            for (int k = 0; k < horizon; k++) {
                out[k] += profiles[i][k % p];
            }
        }
        for (int k = 0; k < horizon; k++) {
            out[k] = AdjustedHistory.clampToFinite(out[k]);
        }
        return out;
    }

    /**
     * The forecast of the seasonally adjusted series: its means over blocks of {@code block} points
     * (the shortest period, aligned with the end) forecast by {@link DampedTrend}, each block's forecast
     * held over its steps, plus the last point's departure from its block's mean decaying as an AR(1)
     * ({@code phi} the lag-1 autocorrelation of the departures, in {@code [0, 0.99]}). Damped trend of
     * the points themselves would carry the last point's noise over the whole horizon: for a week of
     * half-hourly load that doubled the error (MultiSeasonalTest).
     */
    static double[] adjustedForecast(double[] adjusted, int block, int horizon) {
        int n = adjusted.length;
        int blocks = n / block;
        int start = n - blocks * block;
        double[] means = SeasonalStrength.cycleMeans(adjusted, block);
        double squares = 0;
        double cross = 0;
        double previous = 0;
        for (int t = start; t < n; t++) {
            double departure = adjusted[t] - means[(t - start) / block];
            squares += departure * departure;
            cross += t > start ? departure * previous : 0;
            previous = departure;
        }
        double phi = squares > 0 ? Math.max(0, Math.min(0.99, cross / squares)) : 0;
        double[] level = DampedTrend.forecast(means, 1, (horizon + block - 1) / block);
        double[] out = new double[horizon];
        double decay = previous;
        for (int k = 0; k < horizon; k++) {
            decay *= phi;
            out[k] = level[k / block] + decay;
        }
        return out;
    }

    /**
     * The forecasts from rolling origins: for each cut, {@link #forecast} of {@code values[max(0, cut
     * - maxHistory), cut)}, each seeing only the points before its cut.
     *
     * @param values finite values without gaps
     * @param cuts ascending, each in {@code [1, values.length]}
     * @param maxHistory most points before a cut that its fit sees, at least 1
     */
    public static double[][] forecastFrom(double[] values, int[] cuts, int[] periods, int horizon, int maxHistory) {
        AdjustedHistory.checkCuts(values, cuts, maxHistory);
        double[][] out = new double[cuts.length][];
        for (int c = 0; c < cuts.length; c++) {
            out[c] = forecast(Arrays.copyOfRange(values, Math.max(0, cuts[c] - maxHistory), cuts[c]), periods, horizon);
        }
        return out;
    }

    /**
     * Each period's centred profile, {@code profiles[i][k]} at the phase {@code k} steps after the end
     * of {@code y} (index {@code t} has phase {@code (t - n) mod p}).
     */
    static double[][] profiles(double[] y, int[] periods) {
        int n = y.length;
        double[][] profiles = new double[periods.length][];
        for (int i = 0; i < periods.length; i++) {
            profiles[i] = new double[periods[i]];
        }
        double[] partial = new double[n];
        double[] prefix = new double[n + 1];
        double[] weights = new double[periods[periods.length - 1]];
        double[] smoothed = new double[periods[periods.length - 1]];
        for (int pass = 0; pass < PASSES; pass++) {
            for (int i = 0; i < periods.length; i++) {
                int p = periods[i];
                System.arraycopy(y, 0, partial, 0, n);
                for (int j = 0; j < periods.length; j++) {
                    if (j != i) {
                        subtract(partial, profiles[j]);
                    }
                }
                for (int t = 0; t < n; t++) {
                    prefix[t + 1] = prefix[t] + partial[t];
                }
                double[] profile = profiles[i];
                Arrays.fill(profile, 0);
                Arrays.fill(weights, 0, p, 0);
                int half = p / 2;
                double weight = 1;
                for (int t = n - 1 - half, cycle = (half) / p; t >= half; t--) {
                    if ((n - 1 - t) / p != cycle) {
                        cycle = (n - 1 - t) / p;
                        weight *= CYCLE_DECAY;
                    }
                    double trend = movingAverage(prefix, partial, t, p);
                    int phase = Math.floorMod(t - n, p);
                    profile[phase] += weight * (partial[t] - trend);
                    weights[phase] += weight;
                }
                double mean = 0;
                for (int k = 0; k < p; k++) {
                    profile[k] = weights[k] > 0 ? profile[k] / weights[k] : 0;
                    mean += profile[k] / p;
                }
                for (int k = 0; k < p; k++) {
                    profile[k] -= mean;
                }
                if (p >= SMOOTHING_FROM) {
                    for (int k = 0; k < p; k++) {
                        smoothed[k] = (profile[Math.floorMod(k - 1, p)] + profile[k] + profile[(k + 1) % p]) / 3;
                    }
                    System.arraycopy(smoothed, 0, profile, 0, p);
                }
            }
        }
        return profiles;
    }

    /**
     * The centred moving average of {@code p} points around {@code t} ({@code 2 x p} for even
     * {@code p}: {@code p + 1} points, the two outer ones at half weight); needs {@code p / 2} points
     * on either side. {@code prefix[i]} is the sum of the first {@code i} values.
     */
    private static double movingAverage(double[] prefix, double[] values, int t, int p) {
        int half = p / 2;
        if (p % 2 == 1) {
            return (prefix[t + half + 1] - prefix[t - half]) / p;
        }
        double inner = prefix[t + half] - prefix[t - half + 1];
        return (inner + (values[t - half] + values[t + half]) / 2) / p;
    }

    /** Subtracts the profile from the values, its phase {@code k} at {@code k} steps after their end. */
    private static void subtract(double[] values, double[] profile) {
        int n = values.length;
        int p = profile.length;
        for (int t = 0; t < n; t++) {
            values[t] -= profile[Math.floorMod(t - n, p)];
        }
    }
}
