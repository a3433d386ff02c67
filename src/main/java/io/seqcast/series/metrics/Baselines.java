package io.seqcast.series.metrics;

import java.util.Arrays;

/**
 * The forecasts every model must beat (a model worse than seasonal naive is a bug).
 * Both repeat recent history; the input is not modified.
 */
public final class Baselines {

    private Baselines() {
    }

    /** The last value, {@code h} times. History must be non-empty. */
    public static double[] naive(double[] history, int h) {
        checkArgs(history, h);
        double[] out = new double[h];
        Arrays.fill(out, history[history.length - 1]);
        return out;
    }

    /**
     * The last full season, repeated: step {@code i} (0-based) is
     * {@code history[n - season + (i mod season)]}. Falls back to {@link #naive} when
     * {@code season <= 1} or the history is shorter than one season.
     */
    public static double[] seasonalNaive(double[] history, int season, int h) {
        checkArgs(history, h);
        int n = history.length;
        if (season <= 1 || n < season) {
            return naive(history, h);
        }
        double[] out = new double[h];
        for (int i = 0; i < h; i++) {
            out[i] = history[n - season + i % season];
        }
        return out;
    }

    private static void checkArgs(double[] history, int h) {
        if (history.length == 0 || h < 1) {
            throw new IllegalArgumentException("need a non-empty history and h >= 1, got " + history.length
                    + " points and h " + h);
        }
    }
}
