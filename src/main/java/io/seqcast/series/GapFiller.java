package io.seqcast.series;

import java.util.Arrays;

/**
 * Fills missing values of one series so that every position holds a finite number.
 *
 * <p>Missing values are {@code NaN} in a {@code double[]} (use {@link #fromBoxed(Double[])} for
 * {@code null}-holed input). Interior gaps are linearly interpolated between the neighbouring
 * observations; leading gaps take the first observed value (back-fill) and trailing gaps the last
 * one (forward-fill), because extrapolating a trend into unknown territory would invent a slope
 * the model then treats as data.
 *
 * <p>A series is rejected with {@link InvalidSeriesException} when it holds an infinite value
 * (an upstream bug, not a gap), fewer than 2 observed values, or a share of missing values above
 * {@code maxMissingFraction}: beyond that the filled series would mostly be our own invention.
 * Immutable and thread-safe.
 */
public final class GapFiller {

    /** Default upper bound on the share of missing values: half of the series. */
    public static final double DEFAULT_MAX_MISSING_FRACTION = 0.5;

    private final double maxMissingFraction;

    public GapFiller() {
        this(DEFAULT_MAX_MISSING_FRACTION);
    }

    /** @param maxMissingFraction largest accepted share of missing values, in [0, 1] */
    public GapFiller(double maxMissingFraction) {
        if (!(maxMissingFraction >= 0 && maxMissingFraction <= 1)) {
            throw new IllegalArgumentException("maxMissingFraction must be in [0, 1], got " + maxMissingFraction);
        }
        this.maxMissingFraction = maxMissingFraction;
    }

    public double maxMissingFraction() {
        return maxMissingFraction;
    }

    /**
     * Returns a filled copy of {@code values}; the input is not modified.
     *
     * @param seriesId names the series in error messages
     * @param values   the series, {@code NaN} where missing
     * @throws InvalidSeriesException when the series is rejected (see the class comment)
     */
    public double[] fill(String seriesId, double[] values) {
        int n = values.length;
        int missing = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                missing++;
            } else if (Double.isInfinite(v)) {
                throw new InvalidSeriesException(seriesId, "value at index " + i + " is " + v
                        + "; only finite numbers or missing values are accepted");
            }
        }
        int observed = n - missing;
        if (observed < 2) {
            throw new InvalidSeriesException(seriesId, "has " + observed + " observed value(s) out of " + n
                    + " (" + missing + " missing); at least 2 are needed");
        }
        if (missing > maxMissingFraction * n) {
            throw new InvalidSeriesException(seriesId, missing + " of " + n + " values are missing ("
                    + observed + " observed), more than the accepted fraction " + maxMissingFraction);
        }
        double[] out = values.clone();
        if (missing == 0) {
            return out;
        }
        int previous = -1; // index of the last observed value seen so far
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(out[i])) {
                continue;
            }
            if (previous < 0) {
                Arrays.fill(out, 0, i, out[i]); // leading gap: back-fill
            } else if (i - previous > 1) {
                double a = out[previous];
                double step = (out[i] - a) / (i - previous);
                for (int j = previous + 1; j < i; j++) {
                    out[j] = a + step * (j - previous);
                }
            }
            previous = i;
        }
        Arrays.fill(out, previous + 1, n, out[previous]); // trailing gap: forward-fill
        return out;
    }

    /** Converts a {@code null}-holed series to the {@code NaN}-holed form {@link #fill} takes. */
    public static double[] fromBoxed(Double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? Double.NaN : values[i];
        }
        return out;
    }
}
