package io.seqcast.series;

/**
 * The default input window length when the caller does not choose one.
 *
 * <p>Rule: prefer {@code max(8, 2 * horizon, 2 * seasonLength)} (two seasons let the network
 * compare a season with the previous one, the basis of seasonal patterns; twice the horizon gives
 * it at least as much past as it must predict; 8 is a floor for non-seasonal short horizons), then
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
        int preferred = Math.max(8, Math.max(2 * horizon, seasonLength > 1 ? 2 * seasonLength : 0));
        int cap = (seriesLength - horizon) / 2 + 1;
        return Math.max(MIN_WINDOW, Math.min(preferred, cap));
    }
}
