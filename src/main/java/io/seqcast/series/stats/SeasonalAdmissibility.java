package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * R's admissibility test for {@link SeasonalSmoothing}'s models ({@code forecast:::admissible}): whether
 * the smoothing parameters give a forecastable (stable) model.
 */
final class SeasonalAdmissibility {

    private SeasonalAdmissibility() {
    }

    /**
     * R's admissibility test for the seasonal models ({@code forecast:::admissible}): every root of
     * the characteristic polynomial {@code phi (1 - alpha - gamma) + (alpha + beta - alpha phi +
     * gamma - 1) z + (alpha + beta - alpha phi) (z^2 + ... + z^(m-1)) + (alpha + beta - phi) z^m +
     * z^(m+1)} within the unit circle (R allows 1e-10 beyond it; measured here strictly inside, the
     * same but on the boundary itself). Without a trend ({@code beta = 0, phi = 1}) the polynomial
     * has the root 1, which R's tolerance lets through: it is divided out first. R's other
     * conditions hold throughout the usual bounds.
     */
    static boolean admissible(double alpha, double beta, double gamma, double phi, int season, boolean trend) {
        return admissible(alpha, beta, gamma, phi, season, trend, new double[season + 2], new double[season + 2]);
    }

    /** As {@link #admissible(double, double, double, double, int, boolean)} with scratch arrays of {@code m + 2}. */
    static boolean admissible(double alpha, double beta, double gamma, double phi, int season, boolean trend,
            double[] p, double[] next) {
        int degree = season + 1;
        Arrays.fill(p, 0);
        p[0] = phi * (1 - alpha - gamma);
        p[1] = alpha + beta - alpha * phi + gamma - 1;
        for (int i = 2; i < season; i++) {
            p[i] = alpha + beta - alpha * phi;
        }
        p[season] += alpha + beta - phi;
        p[degree] = 1;
        if (!trend) {
            // divide by (z - 1): synthetic division from the top, in place
            double carry = 0;
            double current = p[degree];
            for (int i = degree; i >= 1; i--) {
                carry += current;
                current = p[i - 1];
                p[i - 1] = carry;
            }
            p[degree] = 0;
            degree--;
        }
        return rootsInsideUnitCircle(p, degree, next);
    }

    /**
     * The Schur-Cohn test: whether every root of {@code sum(c_i z^i, i <= degree)} ({@code c_degree
     * != 0}) lies strictly inside the unit circle. While {@code |c_0| < |c_N|}, the polynomial
     * {@code (c_N p(z) - c_0 z^N p(1/z)) / z} of degree {@code N - 1} has as many roots inside as
     * {@code p} less one (Rouché), so the test recurses on it. Overwrites {@code c}; {@code next}
     * is scratch of the same length.
     */
    static boolean rootsInsideUnitCircle(double[] c, int degree, double[] next) {
        for (int n = degree; n >= 1; n--) {
            double low = c[0];
            double high = c[n];
            if (!(Math.abs(low) < Math.abs(high))) {
                return false;
            }
            for (int i = 1; i <= n; i++) {
                next[i - 1] = high * c[i] - low * c[n - i];
            }
            double scale = 1 / Math.abs(next[n - 1]); // high^2 - low^2 > 0
            for (int i = 0; i < n; i++) {
                c[i] = next[i] * scale;
            }
        }
        return true;
    }
}
