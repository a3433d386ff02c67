package io.seqcast.series;

import java.util.Arrays;
import java.util.List;

/**
 * Cuts prepared series into sliding supervised windows, pooled into one {@link Windows} for a
 * global model: input {@code window} consecutive points, target the {@code horizon} points
 * right after them.
 *
 * <p>Layout: inputs {@code [count, window, features]} and targets {@code [count, horizon]},
 * flat, row-major, batch-first. Windows are ordered series by series (in list order), oldest
 * first within a series. Features per time step, in this order:
 * <ol>
 *   <li>the series value at that step;</li>
 *   <li>when {@code seasonLength > 1}: {@code sin(2πp/s)} and {@code cos(2πp/s)} of that step's
 *       position {@code p = (startPhase + t) mod s} within the season (sin and cos together
 *       make December and January neighbours, which a raw index would not).</li>
 * </ol>
 *
 * <p>Windows are aligned on the end of the series (or of the training part): the most recent
 * window always ends exactly at the cut and earlier ones step back by {@code stride}, so a
 * stride never drops the newest data.
 *
 * <p>Splits are by time, per series, never shuffled: validation windows are those whose
 * targets lie entirely in the last {@code v} points of their series; training windows are
 * those whose targets end before that period starts. Validation inputs may reach back into the
 * training period (that is what a forecast at the cut would see), targets never cross it. Fit
 * scalers on the training part only so that the validation targets stay unseen. Series too
 * short for a window contribute none. Immutable and thread-safe.
 */
public final class WindowMaker {

    /**
     * A time-based split.
     *
     * @param train            windows whose targets end at or before each series' cut
     * @param validation       windows whose targets lie in each series' last {@code v} points
     * @param trainSeries      for each training window, the index of its series in the input list
     * @param validationSeries for each validation window, the index of its series
     */
    public record Split(Windows train, Windows validation, int[] trainSeries, int[] validationSeries) {
    }

    private final int window;
    private final int horizon;
    private final int stride;
    private final int seasonLength;

    /**
     * @param window       input steps per window, {@code >= 1}
     * @param horizon      target points per window, {@code >= 1}
     * @param stride       steps between consecutive windows of one series, {@code >= 1}
     * @param seasonLength season length of the series; {@code > 1} adds the sin/cos position features
     */
    public WindowMaker(int window, int horizon, int stride, int seasonLength) {
        if (window < 1 || horizon < 1 || stride < 1 || seasonLength < 1) {
            throw new IllegalArgumentException("window, horizon, stride and seasonLength must be >= 1, got window "
                    + window + ", horizon " + horizon + ", stride " + stride + ", seasonLength " + seasonLength);
        }
        this.window = window;
        this.horizon = horizon;
        this.stride = stride;
        this.seasonLength = seasonLength;
    }

    public int window() {
        return window;
    }

    public int horizon() {
        return horizon;
    }

    public int stride() {
        return stride;
    }

    public int seasonLength() {
        return seasonLength;
    }

    /** Features per step: 1, or 3 with the seasonal-position features. */
    public int features() {
        return seasonLength > 1 ? 3 : 1;
    }

    /** Every window of every series, no split (e.g. the final refit on all data). */
    public Windows windows(List<PreparedSeries> series) {
        int[] cuts = new int[series.size()];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = series.get(i).length();
        }
        return build(series, cuts, null).windows;
    }

    /**
     * Splits with the last {@code max(horizon, ceil(validationFraction * n))} points of each
     * series (length {@code n}) as its validation period: at least one horizon, so every series
     * long enough has a validation window.
     *
     * @param validationFraction in (0, 1)
     */
    public Split split(List<PreparedSeries> series, double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
        }
        int[] v = new int[series.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(horizon, (int) Math.ceil(validationFraction * series.get(i).length()));
        }
        return split(series, v);
    }

    /**
     * Splits with the last {@code validationPoints} points of each series as its validation period.
     *
     * @param validationPoints {@code >= horizon}, else no validation target would fit
     */
    public Split splitLast(List<PreparedSeries> series, int validationPoints) {
        if (validationPoints < horizon) {
            throw new IllegalArgumentException("validationPoints " + validationPoints
                    + " cannot hold a target of horizon " + horizon);
        }
        int[] v = new int[series.size()];
        Arrays.fill(v, validationPoints);
        return split(series, v);
    }

    /**
     * The inference input: the last {@code window} points of each series, shape
     * {@code [series.size(), window, features]} with the same features as training.
     *
     * @throws IllegalArgumentException when a series is shorter than the window
     */
    public float[] lastWindow(List<PreparedSeries> series) {
        int f = features();
        float[] out = new float[series.size() * window * f];
        for (int s = 0; s < series.size(); s++) {
            PreparedSeries ps = series.get(s);
            if (ps.length() < window) {
                throw new IllegalArgumentException("series " + s + " has " + ps.length()
                        + " points, fewer than the window of " + window);
            }
            writeInputs(ps, ps.length() - window, out, s * window * f);
        }
        return out;
    }

    private Split split(List<PreparedSeries> series, int[] validationPoints) {
        int[] cuts = new int[series.size()];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = Math.max(0, series.get(i).length() - validationPoints[i]);
        }
        Built train = build(series, cuts, null);
        Built validation = build(series, null, cuts);
        return new Split(train.windows, validation.windows, train.seriesIndex, validation.seriesIndex);
    }

    private static final class Built {
        final Windows windows;
        final int[] seriesIndex;

        Built(Windows windows, int[] seriesIndex) {
            this.windows = windows;
            this.seriesIndex = seriesIndex;
        }
    }

    /**
     * Windows whose targets end at or before {@code targetEnd[s]} (all of series s when null)
     * and start at or after {@code targetStart[s]} (0 when null).
     */
    private Built build(List<PreparedSeries> series, int[] targetEnd, int[] targetStart) {
        int count = 0;
        for (int s = 0; s < series.size(); s++) {
            count += ends(series.get(s), s, targetEnd, targetStart).length;
        }
        int f = features();
        float[] inputs = new float[count * window * f];   // (count, window, features)
        float[] targets = new float[count * horizon];     // (count, horizon)
        int[] seriesIndex = new int[count];
        int w = 0;
        for (int s = 0; s < series.size(); s++) {
            PreparedSeries ps = series.get(s);
            for (int end : ends(ps, s, targetEnd, targetStart)) {
                writeInputs(ps, end - horizon - window, inputs, w * window * f);
                System.arraycopy(ps.values(), end - horizon, targets, w * horizon, horizon);
                seriesIndex[w++] = s;
            }
        }
        return new Built(new Windows(inputs, targets, count, window, f, horizon), seriesIndex);
    }

    /** Exclusive target ends of the selected windows of one series, ascending, aligned on the cut. */
    private int[] ends(PreparedSeries ps, int s, int[] targetEnd, int[] targetStart) {
        int last = targetEnd == null ? ps.length() : targetEnd[s];
        int first = Math.max(window + horizon, (targetStart == null ? 0 : targetStart[s]) + horizon);
        if (last < first) {
            return new int[0];
        }
        int n = (last - first) / stride + 1;
        int[] ends = new int[n];
        for (int k = 0; k < n; k++) {
            ends[n - 1 - k] = last - k * stride;
        }
        return ends;
    }

    /** Writes the {@code window} steps starting at {@code from} into {@code out[at...]}. */
    private void writeInputs(PreparedSeries ps, int from, float[] out, int at) {
        float[] x = ps.values();
        if (seasonLength == 1) {
            System.arraycopy(x, from, out, at, window);
            return;
        }
        for (int t = 0; t < window; t++) {
            int p = (int) ((ps.startPhase() + (long) from + t) % seasonLength);
            double angle = 2 * Math.PI * p / seasonLength;
            out[at + 3 * t] = x[from + t];
            out[at + 3 * t + 1] = (float) Math.sin(angle);
            out[at + 3 * t + 2] = (float) Math.cos(angle);
        }
    }
}
