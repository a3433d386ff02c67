package io.seqcast.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split-conformal calibration: from absolute forecast errors per horizon step (in model units), the
 * quantile at every coverage level 1..99 percent. The level-L quantile of n residuals is the
 * {@code ceil((n + 1) L / 100)}-th smallest, which gives at least L% coverage on exchangeable data;
 * where that rank passes n, the largest residual is used (too few residuals for that level).
 */
public final class ResidualQuantiles {

    /** Coverage levels stored in manifests: 1, 2, ..., 99 percent. */
    public static final List<Double> LEVELS;

    static {
        List<Double> levels = new ArrayList<>();
        for (int l = 1; l <= 99; l++) {
            levels.add((double) l);
        }
        LEVELS = List.copyOf(levels);
    }

    private ResidualQuantiles() {
    }

    /**
     * @param residuals {@code [horizon][n]} absolute errors per step (any order; copied before sorting)
     * @return {@code [horizon][99]} quantiles at {@link #LEVELS}
     */
    public static List<List<Double>> of(double[][] residuals) {
        List<List<Double>> out = new ArrayList<>();
        for (double[] step : residuals) {
            double[] sorted = step.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            List<Double> q = new ArrayList<>();
            for (double level : LEVELS) {
                if (n == 0) {
                    q.add(Double.NaN);
                    continue;
                }
                int rank = (int) Math.ceil((n + 1) * level / 100.0);
                q.add(sorted[Math.min(n, Math.max(1, rank)) - 1]);
            }
            out.add(q);
        }
        return out;
    }

    /**
     * The half-width in model units for {@code level} percent at a horizon step, interpolated
     * linearly between the stored integer levels.
     */
    public static double at(List<Double> levels, List<Double> quantiles, double level) {
        if (level <= levels.get(0)) {
            return quantiles.get(0);
        }
        for (int i = 1; i < levels.size(); i++) {
            if (level <= levels.get(i)) {
                double l0 = levels.get(i - 1);
                double l1 = levels.get(i);
                double w = (level - l0) / (l1 - l0);
                return quantiles.get(i - 1) * (1 - w) + quantiles.get(i) * w;
            }
        }
        return quantiles.get(quantiles.size() - 1);
    }
}
