package io.seqcast.series;

import java.util.Arrays;

/** Small descriptive statistics over {@code values[from, to)}, in double precision. */
final class Stats {

    private Stats() {
    }

    static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum / (to - from);
    }

    /** Population standard deviation (divides by n): scaling, not inference. */
    static double std(double[] x, int from, int to) {
        double m = mean(x, from, to);
        double ss = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - m;
            ss += d * d;
        }
        return Math.sqrt(ss / (to - from));
    }

    /** Quantile {@code p} of an ascending-sorted array, linear interpolation (R's type 7). */
    static double quantileSorted(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double[] sortedCopy(double[] x, int from, int to) {
        double[] s = Arrays.copyOfRange(x, from, to);
        Arrays.sort(s);
        return s;
    }

    /** Mean absolute deviation from {@code center}. */
    static double meanAbsDeviation(double[] x, int from, int to, double center) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(x[i] - center);
        }
        return sum / (to - from);
    }
}
