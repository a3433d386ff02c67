package io.seqcast.series;

/**
 * Turns the points of a series before a cut into one model input window, the same way for training
 * and for inference, so the two cannot drift apart.
 *
 * <p>Input layout {@code [window, features]}, row-major, features per step:
 * the scaled value, then, with seasonal features, {@code sin} and {@code cos} of the step's position
 * in the season ({@code (startPhase + index) mod seasonLength}).
 *
 * <p>Scaling: with {@link Normalization#WINDOW} each window is scaled by its own level (last value)
 * and scale (mean absolute first difference), so a global model forecasts series it never saw; with
 * {@link Normalization#SERIES} by the series' fitted {@link Scaler}. Targets are scaled with the same
 * scaler as their input window, and forecasts unscaled with it.
 *
 * <p>A series shorter than the window is left-padded with its first value (documented policy: the
 * padding carries no change, so a window-normalised model sees a flat start).
 * Immutable and thread-safe.
 */
public final class WindowEncoder {

    /** How a window's values are scaled. */
    public enum Normalization {
        /** by the window's own level and scale; the model is scale-free and forecasts any series */
        WINDOW,
        /** by a scaler fitted per series */
        SERIES;

        public static Normalization parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("unknown normalization '" + text + "'; expected window or series");
            }
        }
    }

    private final int window;
    private final int seasonLength;
    private final boolean seasonalFeatures;
    private final Normalization normalization;
    private final boolean seasonalBaseline;
    private final boolean windowLog1p;

    /**
     * @param seasonalFeatures add sin/cos season-position columns (zeros when {@code seasonLength} is 1,
     *     so a global model over seasonal and non-seasonal series keeps one input width)
     * @param seasonalBaseline the model predicts the departure from the seasonal-naive forecast of its
     *     window (see {@link #baseline}) rather than the values themselves
     * @param windowLog1p with {@link Normalization#WINDOW}: normalise {@code log1p} of the values, so
     *     multiplicative seasonality and growth become additive (the caller checks the data are > -1)
     */
    public WindowEncoder(int window, int seasonLength, boolean seasonalFeatures, Normalization normalization,
                         boolean seasonalBaseline, boolean windowLog1p) {
        if (window < 1 || seasonLength < 1) {
            throw new IllegalArgumentException("window and season length must be >= 1, got " + window + " and " + seasonLength);
        }
        this.window = window;
        this.seasonLength = seasonLength;
        this.seasonalFeatures = seasonalFeatures;
        this.normalization = normalization;
        this.seasonalBaseline = seasonalBaseline;
        this.windowLog1p = windowLog1p && normalization == Normalization.WINDOW;
    }

    /** Whether model outputs are departures from {@link #baseline}. */
    public boolean seasonalBaseline() {
        return seasonalBaseline;
    }

    /**
     * The seasonal-naive forecast of an encoded window, in model units: step {@code k} repeats the
     * window's value one season (or a multiple) earlier; the last value when the window is shorter
     * than a season or the data are not seasonal. Zero for every step without a seasonal baseline.
     * Model targets are {@code z - baseline} and forecasts {@code output + baseline}: the network
     * starts from seasonal naive and learns what it misses, so an untrained or unsure model falls
     * back on a forecast that is rarely bad.
     *
     * @param encoded the window as {@link #encode} wrote it, from {@code off}
     * @param dst receives {@code horizon} values from {@code dstOff}
     */
    public void baseline(float[] encoded, int off, int horizon, float[] dst, int dstOff) {
        int f = features();
        for (int k = 0; k < horizon; k++) {
            float value = 0f;
            if (seasonalBaseline) {
                int step;
                if (seasonLength > 1 && window >= seasonLength) {
                    step = window - seasonLength + (k % seasonLength);
                } else {
                    step = window - 1;
                }
                value = encoded[off + step * f];
            }
            dst[dstOff + k] = value;
        }
    }

    public int window() {
        return window;
    }

    /** Features per step: 1, or 3 with seasonal features. */
    public int features() {
        return seasonalFeatures ? 3 : 1;
    }

    public boolean seasonalFeatures() {
        return seasonalFeatures;
    }

    public int seasonLength() {
        return seasonLength;
    }

    public Normalization normalization() {
        return normalization;
    }

    /**
     * Encodes {@code values[cut - window, cut)} into {@code dst[off, off + window * features)}.
     *
     * @param values a gap-free series, finite values
     * @param cut the first index not seen: the forecast starts at {@code cut}; {@code 1 <= cut <= length}
     * @param startPhase season position of {@code values[0]}
     * @param seriesScaler the series' scaler for {@link Normalization#SERIES}; ignored otherwise
     * @return the scaler that maps this window's values (and its targets and forecasts) to model units
     */
    public Scaler encode(double[] values, int cut, int startPhase, Scaler seriesScaler, float[] dst, int off) {
        if (cut < 1 || cut > values.length) {
            throw new IllegalArgumentException("cut " + cut + " outside a series of length " + values.length);
        }
        Scaler scaler;
        int first = cut - window;
        if (normalization == Normalization.WINDOW) {
            scaler = windowScaler(values, first, cut);
        } else {
            if (seriesScaler == null) {
                throw new IllegalArgumentException("series normalization needs the series' scaler");
            }
            scaler = seriesScaler;
        }
        int f = features();
        for (int t = 0; t < window; t++) {
            int index = Math.max(0, first + t);
            int at = off + t * f;
            dst[at] = (float) scaler.transform(values[index]);
            if (seasonalFeatures) {
                if (seasonLength > 1) {
                    // Padded steps keep their own (virtual) positions so the phase stays continuous.
                    int position = Math.floorMod(startPhase + first + t, seasonLength);
                    double angle = 2 * Math.PI * position / seasonLength;
                    dst[at + 1] = (float) Math.sin(angle);
                    dst[at + 2] = (float) Math.cos(angle);
                } else {
                    // A non-seasonal series in a model with seasonal inputs: no position to tell.
                    dst[at + 1] = 0f;
                    dst[at + 2] = 0f;
                }
            }
        }
        return scaler;
    }

    /**
     * The window's level (its last value) and scale (mean absolute first difference, 1 when 0), as
     * {@link WindowNormalizer} defines them, after the optional {@code log1p}, in double precision.
     */
    private Scaler windowScaler(double[] values, int first, int cut) {
        int from = Math.max(0, first);
        double previous = g(values[from], from);
        double absDiff = 0;
        for (int i = from + 1; i < cut; i++) {
            double v = g(values[i], i);
            absDiff += Math.abs(v - previous);
            previous = v;
        }
        int n = cut - from;
        double scale = n > 1 ? absDiff / (n - 1) : 0;
        return new Scaler(Scaler.Kind.WINDOW, windowLog1p, previous, scale > 0 && Double.isFinite(scale) ? scale : 1);
    }

    private double g(double value, int index) {
        if (!Double.isFinite(value) || (windowLog1p && value <= -1)) {
            throw new IllegalArgumentException("value at index " + index + " is " + value
                    + (windowLog1p ? " (log1p needs values > -1)" : ""));
        }
        return windowLog1p ? Math.log1p(value) : value;
    }
}
