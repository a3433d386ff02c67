package io.seqcast.series.stats;

import java.util.Random;

/**
 * Seeded series with two seasonal cycles for the tests: half-hourly load with a day and a week, daily
 * demand with a week and a year. Both start on a Monday at midnight (index 0) and carry AR(1) noise.
 */
public final class MultiSeasonalSeries {

    private MultiSeasonalSeries() {
    }

    /**
     * Half-hourly: level 100 with a slow rise, a daily curve (night low, morning and evening peaks,
     * about ±20), weekends 25 lower by day, AR(1) noise ({@code phi = 0.7}, innovations of sd 3).
     */
    public static double[] halfHourly(int weeks, long seed) {
        Random random = new Random(seed);
        double[] x = new double[weeks * 336];
        double noise = 0;
        for (int t = 0; t < x.length; t++) {
            int slot = t % 48;
            int day = (t / 48) % 7;
            double hour = slot / 2.0;
            double daily = -18 * Math.cos(2 * Math.PI * hour / 24) + 8 * Math.exp(-Math.pow(hour - 19, 2) / 4);
            double weekend = day >= 5 && hour >= 7 && hour <= 22 ? -25 : 0;
            noise = 0.7 * noise + 3 * random.nextGaussian();
            x[t] = 100 + 0.002 * t + daily + weekend + noise;
        }
        return x;
    }

    /**
     * Daily: level 50 with a slow rise, a weekly cycle (Saturday +6, Sunday +9, Monday -3), a yearly
     * cycle of amplitude 12 peaking in summer, AR(1) noise ({@code phi = 0.5}, innovations of sd 2).
     */
    public static double[] daily(int days, long seed) {
        Random random = new Random(seed);
        double[] x = new double[days];
        double noise = 0;
        double[] week = {-3, 0, 0, 0, 1, 6, 9};
        for (int t = 0; t < days; t++) {
            noise = 0.5 * noise + 2 * random.nextGaussian();
            x[t] = 50 + 0.005 * t + week[t % 7] - 12 * Math.cos(2 * Math.PI * (t - 20) / 365.25) + noise;
        }
        return x;
    }

    /** White noise, a random walk or AR(1) noise with {@code phi = 0.9}: no season at all. */
    public static double[] noise(String kind, int n, Random random) {
        double[] x = new double[n];
        double state = 0;
        for (int t = 0; t < n; t++) {
            double e = random.nextGaussian();
            state = switch (kind) {
                case "white" -> e;
                case "walk" -> state + e;
                default -> 0.9 * state + e;
            };
            x[t] = 10 + state;
        }
        return x;
    }
}
