package io.seqcast.series.stats;

/**
 * Whether a series really has a seasonal cycle of a given period: an analysis of variance of its
 * phase means, corrected for autocorrelated noise, plus a floor on the effect size.
 *
 * <p>On the last {@code c = floor(n / period)} full cycles (at least two, aligned with the end):
 * <ol>
 *   <li>detrend: subtract the line through the means of consecutive cycles (piecewise linear
 *       through each cycle's mean at its centre, extended at both ends), which removes a level, a
 *       trend and any cycle longer than {@code period} without touching a cycle of {@code period}
 *       (a full cycle's mean holds none of it);</li>
 *   <li>the seasonal profile: the mean of each phase over the cycles; the remainder is the rest;</li>
 *   <li>{@code F = (SS_between / (period - 1)) / (SS_within / (N - period))} ({@code N = c * period}),
 *       1 on average without a season, F distributed with {@code d1 = period - 1} and {@code d2 = N - period
 *       - c + 1} degrees of freedom (the detrending line takes one per cycle), both shrunk by {@code (1 - r1) / (1 + r1)}
 *       for the remainder's lag-1 autocorrelation {@code r1 > 0}: neighbouring phases of
 *       autocorrelated noise (a random walk, AR noise) are not independent and would otherwise make
 *       chance profiles look significant;</li>
 *   <li>supported when the chance of so large an {@code F} without a season is below {@value #ALPHA}
 *       and the adjusted
 *       strength {@code 1 - (SS_within / (N - period)) / (SS_total / (N - 1))} (the share of the
 *       detrended variance the profile explains beyond chance; Wang, Smith &amp; Hyndman's seasonal
 *       strength, adjusted as R-squared is) is at least {@value #MIN_STRENGTH}: a cycle too weak to
 *       forecast with is not used even when it is statistically real (thousands of cycles make any
 *       day-of-week effect of a stock index "significant").</li>
 * </ol>
 * Measured in SeasonalStrengthTest (seeded, 100 series per case): white noise, random walks and
 * AR(1) noise ({@code phi = 0.9}) at periods 5, 7, 48, 336 and 365 with 2, 3, 10 and 30 cycles: one
 * false season in the 6,000 series (AR noise, period 48, 3 cycles); a sine whose variance equals the
 * noise's: found 96-100 times in 100 with 10 weekdays' cycles, 8 weeks, 3 days of 48 half-hours, 2
 * weeks of 336, 2 or 3 years. Cost {@code O(n)}, two arrays of {@code c * period}.
 */
public final class SeasonalStrength {

    /** Chance of calling noise seasonal that the F test allows (before the strength floor). */
    public static final double ALPHA = 0.001;

    /** Least adjusted strength (share of the detrended variance) of a season that is used. */
    public static final double MIN_STRENGTH = 0.1;

    /**
     * One test.
     *
     * @param f the variance ratio (1 on average without a season)
     * @param pValue the chance of an {@code f} at least this large without a season
     * @param strength the adjusted seasonal strength, at most 1 (may be negative)
     * @param profile the phase means, centred: {@code profile[k]} is the cycle's value at the phase of
     *     {@code k} steps after the end of the series ({@code (t - n) mod period} for index {@code t})
     */
    public record Result(double f, double pValue, double strength, double[] profile) {

        /** Whether the data show the cycle: see the class comment. */
        public boolean supported() {
            return pValue < ALPHA && strength >= MIN_STRENGTH;
        }
    }

    private SeasonalStrength() {
    }

    /**
     * Tests {@code values} for a cycle of {@code period}; {@code null} when there are fewer than two
     * full cycles, a period below 2 or no variance to explain.
     *
     * @param values finite values
     */
    public static Result test(double[] values, int period) {
        int n = values.length;
        int cycles = period >= 2 ? n / period : 0;
        if (cycles < 2) {
            return null;
        }
        int start = n - cycles * period;
        int length = cycles * period;
        double[] cycleMean = cycleMeans(values, period);
        // detrended values, then (in place) the remainder
        double[] rest = new double[length];
        double centre0 = (period - 1) / 2.0;
        for (int i = 0; i < length; i++) {
            int segment = Math.min(cycles - 2, Math.max(0, (int) Math.floor((i - centre0) / period)));
            double fraction = (i - centre0 - segment * period) / period;
            rest[i] = values[start + i] - (cycleMean[segment] + fraction * (cycleMean[segment + 1] - cycleMean[segment]));
        }
        double[] profile = new double[period];
        double total = 0;
        double mean = 0;
        for (int i = 0; i < length; i++) {
            profile[i % period] += rest[i] / cycles;
            mean += rest[i] / length;
        }
        for (int i = 0; i < length; i++) {
            total += (rest[i] - mean) * (rest[i] - mean);
        }
        double between = 0;
        for (int k = 0; k < period; k++) {
            between += cycles * (profile[k] - mean) * (profile[k] - mean);
        }
        double within = 0;
        for (int i = 0; i < length; i++) {
            rest[i] -= profile[i % period];
            within += rest[i] * rest[i];
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            return null;
        }
        double lag1 = 0;
        for (int i = 1; i < length; i++) {
            lag1 += rest[i] * rest[i - 1];
        }
        double r1 = within > 0 ? lag1 / within : 0;
        double shrink = r1 > 0 ? (1 - Math.min(r1, 0.999)) / (1 + r1) : 1;
        // The detrending line takes one more degree of freedom per cycle from the remainder.
        double d1 = (period - 1) * shrink;
        double d2 = Math.max(1, length - period - cycles + 1) * shrink;
        double withinVariance = within / Math.max(1, length - period - cycles + 1);
        double f = withinVariance > 0 ? (between / (period - 1)) / withinVariance : Double.POSITIVE_INFINITY;
        double pValue = fUpperTail(f, d1, d2);
        double strength = 1 - (within / (length - period)) / (total / (length - 1));
        // profile[k] is at index start + k, which is n - (cycles * period) + k: the phase of k after the end
        double centre = 0;
        for (double v : profile) {
            centre += v / period;
        }
        for (int k = 0; k < period; k++) {
            profile[k] -= centre;
        }
        return new Result(f, pValue, strength, profile);
    }

    /**
     * The means of the last {@code floor(n / period)} full cycles of {@code values}, aligned with its
     * end, oldest first.
     */
    static double[] cycleMeans(double[] values, int period) {
        int cycles = values.length / period;
        int start = values.length - cycles * period;
        double[] means = new double[cycles];
        for (int j = 0; j < cycles; j++) {
            double sum = 0;
            for (int t = start + j * period; t < start + (j + 1) * period; t++) {
                sum += values[t];
            }
            means[j] = sum / period;
        }
        return means;
    }

    /** The {@code q}-quantile of the F distribution with {@code d1, d2} (not necessarily whole) degrees of freedom. */
    static double fQuantile(double q, double d1, double d2) {
        double low = 0;
        double high = 1;
        while (fCdf(high, d1, d2) < q && high < 1e12) {
            high *= 2;
        }
        for (int i = 0; i < 100 && high - low > 1e-9 * high; i++) {
            double mid = (low + high) / 2;
            if (fCdf(mid, d1, d2) < q) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /** {@code P(F <= f)} for the F distribution with {@code d1, d2} degrees of freedom. */
    static double fCdf(double f, double d1, double d2) {
        return f <= 0 ? 0 : regularizedBeta(d1 * f / (d1 * f + d2), d1 / 2, d2 / 2);
    }

    /** {@code P(F > f)}, computed directly (not {@code 1 - fCdf}, which rounds small tails to 0). */
    static double fUpperTail(double f, double d1, double d2) {
        return f <= 0 ? 1 : !Double.isFinite(f) ? 0 : regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    /** The regularized incomplete beta function {@code I_x(a, b)} (Numerical Recipes' continued fraction). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        return x < (a + 1) / (a + b + 2) ? front * betaFraction(x, a, b) / a
                : 1 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + aa * d, tiny);
            c = nonZero(1 + aa / c, tiny);
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + aa * d, tiny);
            c = nonZero(1 + aa / c, tiny);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-12) {
                break;
            }
        }
        return h;
    }

    private static double nonZero(double v, double tiny) {
        return Math.abs(v) < tiny ? tiny : v;
    }

    /** {@code log Gamma(x)}, {@code x > 0} (Lanczos, g = 7, 9 terms: about 15 digits). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double sum = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            sum += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
