package io.seqcast.series;

import java.util.Locale;

/**
 * Per-series affine scaling, optionally after {@code log1p}: {@code z = (g(x) - center) / scale}
 * with {@code g = log1p} when {@link #log1p()} is set and the identity otherwise; the inverse is
 * {@code x = g⁻¹(z * scale + center)}.
 *
 * <p>This record is also the serialisable form that goes into a model manifest: plain fields,
 * the kind as its enum name. {@code scale} is always finite and positive, so {@link #inverse}
 * never divides by zero and a degenerate series (constant, one repeated value) still round-trips.
 *
 * <p>Fit it on the <em>training part</em> of a series only ({@link #fit(Kind, boolean, double[], int, int)})
 * so that validation and test points do not leak into the scaling.
 *
 * @param kind   how center and scale were estimated
 * @param log1p  whether {@code log1p} is applied before the affine step
 * @param center subtracted after the optional log ({@code 0} for {@link Kind#NONE})
 * @param scale  divided by after centering, finite and {@code > 0} ({@code 1} for {@link Kind#NONE})
 */
public record Scaler(Kind kind, boolean log1p, double center, double scale) {

    /** How center and scale are estimated from the (possibly log-transformed) values. */
    public enum Kind {
        /** mean and population standard deviation; std 0 becomes 1 */
        STANDARD,
        /** median and inter-quartile range; IQR 0 falls back to the mean absolute deviation from
         * the median, then to 1 */
        ROBUST,
        /** minimum and range, mapping the fitted values onto [0, 1]; range 0 becomes 1 */
        MINMAX,
        /** no affine step (center 0, scale 1); {@code log1p} may still apply */
        NONE,
        /** the level and scale of one input window ({@link WindowNormalizer}), not fitted on a series */
        WINDOW;

        /** Parses {@code standard}, {@code robust}, {@code minmax}, {@code none}, {@code window} in any case. */
        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown scaler kind '" + name
                        + "'; expected standard, robust, minmax, none or window");
            }
        }
    }

    public Scaler {
        if (kind == null) {
            throw new IllegalArgumentException("scaler kind is required");
        }
        if (!Double.isFinite(center) || !Double.isFinite(scale) || scale <= 0) {
            throw new IllegalArgumentException("scaler needs a finite center and a finite positive scale, got center "
                    + center + ", scale " + scale);
        }
    }

    /** The affine map of one window's normalisation: {@code z = (x - level) / scale}. */
    public static Scaler ofWindow(WindowNormalizer.Params params) {
        return new Scaler(Kind.WINDOW, false, params.level(), params.scale());
    }

    /** The identity scaler. */
    public static Scaler none() {
        return new Scaler(Kind.NONE, false, 0, 1);
    }

    /** Fits on the whole series. */
    public static Scaler fit(Kind kind, boolean log1p, double[] values) {
        return fit(kind, log1p, values, 0, values.length);
    }

    /**
     * Fits on {@code values[from, to)}, typically the training part of a series.
     *
     * @throws IllegalArgumentException when the range is empty, holds a non-finite value, or
     *                                  {@code log1p} is requested and a value is {@code <= -1}
     */
    public static Scaler fit(Kind kind, boolean log1p, double[] values, int from, int to) {
        if (from < 0 || to > values.length || from >= to) {
            throw new IllegalArgumentException("cannot fit a scaler on range [" + from + ", " + to
                    + ") of a series of length " + values.length);
        }
        double[] g = new double[to - from];
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("cannot fit a scaler: value at index " + i + " is " + v
                        + " (fill gaps first)");
            }
            if (log1p && v <= -1) {
                throw new IllegalArgumentException("log1p scaling needs values > -1, but value at index " + i
                        + " is " + v);
            }
            g[i - from] = log1p ? Math.log1p(v) : v;
        }
        int n = g.length;
        switch (kind) {
            case NONE:
                return new Scaler(kind, log1p, 0, 1);
            case WINDOW:
                throw new IllegalArgumentException("a window scaler comes from WindowNormalizer, it is not fitted on a series");
            case STANDARD:
                return new Scaler(kind, log1p, Stats.mean(g, 0, n), positiveOr1(Stats.std(g, 0, n)));
            case MINMAX: {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : g) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                return new Scaler(kind, log1p, min, positiveOr1(max - min));
            }
            case ROBUST: {
                double[] sorted = Stats.sortedCopy(g, 0, n);
                double median = Stats.quantileSorted(sorted, 0.5);
                double iqr = Stats.quantileSorted(sorted, 0.75) - Stats.quantileSorted(sorted, 0.25);
                // A series that is mostly one value (intermittent demand) has IQR 0 but may still
                // vary. The median absolute deviation is then 0 as well (over half the values sit
                // on the median), so use the mean absolute deviation, which sees the spikes.
                double scale = iqr > 0 ? iqr : positiveOr1(Stats.meanAbsDeviation(g, 0, n, median));
                return new Scaler(kind, log1p, median, scale);
            }
            default:
                throw new IllegalStateException("unhandled scaler kind " + kind);
        }
    }

    // A zero spread (constant series) would make the scaler divide by zero; 1 keeps it an
    // exact, invertible shift.
    private static double positiveOr1(double spread) {
        return spread > 0 && Double.isFinite(spread) ? spread : 1;
    }

    /** Whether {@code log1p} is defined on every value, i.e. all values are {@code > -1}. */
    public static boolean log1pAllowed(double[] values) {
        for (double v : values) {
            if (!(v > -1)) {
                return false;
            }
        }
        return true;
    }

    /** Scaled copy of {@code x}. A value {@code <= -1} under {@code log1p} becomes {@code NaN}. */
    public double[] transform(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = transform(x[i]);
        }
        return out;
    }

    /** Scaled copy of {@code x}, computed in double precision. */
    public float[] transform(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) transform(x[i]);
        }
        return out;
    }

    /** Scaled float copy of a double series. */
    public float[] transformToFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) transform(x[i]);
        }
        return out;
    }

    /** Original-unit copy of scaled values (e.g. a model's forecast). */
    public double[] inverse(double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = inverse(z[i]);
        }
        return out;
    }

    /** Original-unit copy of scaled values, computed in double precision. */
    public float[] inverse(float[] z) {
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) inverse(z[i]);
        }
        return out;
    }

    public double transform(double x) {
        double g = log1p ? Math.log1p(x) : x;
        return (g - center) / scale;
    }

    /** Under {@code log1p} a very large {@code z} overflows to {@code +Infinity}; callers validate outputs. */
    public double inverse(double z) {
        double g = z * scale + center;
        return log1p ? Math.expm1(g) : g;
    }
}
