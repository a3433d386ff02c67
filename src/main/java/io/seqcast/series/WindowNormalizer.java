package io.seqcast.series;

/**
 * Normalises each input window by statistics of that window alone, for global ("zero-shot")
 * models that serve series they were never fitted on: {@code z = (x - level) / scale}.
 *
 * <ul>
 *   <li>level: the window's last value ({@link Level#LAST}, the default: a model output of 0
 *       is then exactly the naive forecast, so the network only learns the departure from it)
 *       or its mean ({@link Level#MEAN}, steadier on noisy series);</li>
 *   <li>scale: the mean absolute first difference of the window, i.e. the in-window lag-1 naive
 *       MAE, so errors in normalised units read like MASE; when it is 0 (a constant window, or
 *       a window of one point) the scale is 1, which keeps the forecast an exact shift of the level.</li>
 * </ul>
 *
 * <p>The {@link Params} returned with each window invert that window's forecast. Immutable and
 * thread-safe.
 */
public final class WindowNormalizer {

    /** Which statistic of the window is used as the level. */
    public enum Level { LAST, MEAN }

    /**
     * The parameters of one window's normalisation.
     *
     * @param level subtracted from each value, finite
     * @param scale divided by after subtracting, finite and {@code > 0}
     */
    public record Params(double level, double scale) {

        public Params {
            if (!Double.isFinite(level) || !Double.isFinite(scale) || scale <= 0) {
                throw new IllegalArgumentException("window normalisation needs a finite level and a finite positive"
                        + " scale, got level " + level + ", scale " + scale);
            }
        }

        /** Normalised copy of {@code x}. */
        public float[] normalize(float[] x) {
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = (float) ((x[i] - level) / scale);
            }
            return out;
        }

        /** Original-unit copy of a normalised forecast. */
        public float[] inverse(float[] z) {
            float[] out = new float[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = (float) (z[i] * scale + level);
            }
            return out;
        }

        /** Original-unit copy of a normalised forecast. */
        public double[] inverse(double[] z) {
            double[] out = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] * scale + level;
            }
            return out;
        }
    }

    /**
     * A normalised window and how to undo it.
     *
     * @param values the window, normalised, same length as the input
     * @param params the parameters that invert this window's forecast
     */
    public record Normalized(float[] values, Params params) {
    }

    private final Level level;

    /** Level = last value. */
    public WindowNormalizer() {
        this(Level.LAST);
    }

    public WindowNormalizer(Level level) {
        if (level == null) {
            throw new IllegalArgumentException("level is required");
        }
        this.level = level;
    }

    public Level level() {
        return level;
    }

    /** Normalises a whole window (length {@code >= 1}, finite values). */
    public Normalized normalize(float[] window) {
        Params p = params(window, 0, window.length);
        return new Normalized(p.normalize(window), p);
    }

    /**
     * The parameters for the window {@code series[from, from + length)}.
     *
     * @throws IllegalArgumentException on an empty or out-of-range window, or a non-finite value
     */
    public Params params(float[] series, int from, int length) {
        double[] values = new double[length];
        checkRange(series.length, from, length);
        for (int i = 0; i < length; i++) {
            values[i] = series[from + i];
        }
        return params(values, 0, length);
    }

    /** As {@link #params(float[], int, int)} on a double series, without rounding it to float first. */
    public Params params(double[] series, int from, int length) {
        checkRange(series.length, from, length);
        int to = from + length;
        double sum = 0;
        double absDiff = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("window value at index " + i + " is " + series[i]);
            }
            sum += series[i];
            if (i > from) {
                absDiff += Math.abs(series[i] - series[i - 1]);
            }
        }
        double lvl = level == Level.LAST ? series[to - 1] : sum / length;
        double scale = length > 1 ? absDiff / (length - 1) : 0;
        return new Params(lvl, scale > 0 ? scale : 1);
    }

    private static void checkRange(int seriesLength, int from, int length) {
        if (length < 1 || from < 0 || from + length > seriesLength) {
            throw new IllegalArgumentException("window [" + from + ", " + (from + length)
                    + ") is empty or outside a series of length " + seriesLength);
        }
    }
}
