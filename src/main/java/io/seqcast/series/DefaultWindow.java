package io.seqcast.series;

/**
 * The default input window length when the caller does not choose one.
 *
 * <p>Rule: prefer {@code max(8, horizon, 3 * seasonLength)} (three seasons let the network compare
 * a season with the ones before, the basis of seasonal patterns, and see the trend across them;
 * a horizon's worth of past for what it must predict; 8 is a floor for non-seasonal short
 * horizons). Measured on AirPassengers and co2 (horizon 24, 3 seeds, seqcast's default GRU):
 * windows of 36 gave a lower MASE than 48 (twice the horizon), which leaves fewer windows. Then
 * cap it at {@code (length - horizon) / 2 + 1}, which guarantees that at least
 * {@code (length - horizon) / 2} windows of stride 1 remain: a longer window on a short series
 * would leave a handful of nearly identical training examples. Never below 2. The count is
 * before any validation split, which takes its windows from the same series.
 */
public final class DefaultWindow {

    /** The shortest window this rule ever returns. */
    public static final int MIN_WINDOW = 2;

    private DefaultWindow() {
    }

    /**
     * @param seasonLength season length, {@code >= 1} (1: not seasonal)
     * @param seriesLength points of the (shortest) training series
     * @param horizon      forecast horizon, {@code >= 1}
     * @throws IllegalArgumentException when the series cannot hold a window of 2 plus one horizon
     */
    public static int choose(int seasonLength, int seriesLength, int horizon) {
        if (seasonLength < 1 || horizon < 1) {
            throw new IllegalArgumentException("seasonLength and horizon must be >= 1, got " + seasonLength + " and "
                    + horizon);
        }
        if (seriesLength - horizon < MIN_WINDOW) {
            throw new IllegalArgumentException("a series of " + seriesLength + " points is too short for horizon "
                    + horizon + ": it needs at least " + (horizon + MIN_WINDOW));
        }
        int preferred = Math.max(8, Math.max(horizon, seasonLength > 1 ? 3 * seasonLength : 0));
        int cap = (seriesLength - horizon) / 2 + 1;
        return Math.max(MIN_WINDOW, Math.min(preferred, cap));
    }
}
