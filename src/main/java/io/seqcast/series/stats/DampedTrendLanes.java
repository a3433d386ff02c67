package io.seqcast.series.stats;

/**
 * The sum of squared one-step errors of the damped-trend model ({@link DampedTrend}) for up to
 * {@code capacity} parameter sets ("lanes") in one pass over the series, with the initial level
 * and trend that minimise it.
 *
 * <p>Why lanes: one recursion is a chain of dependent operations that leaves the processor
 * waiting, while different parameter sets are independent. Each loop below runs over the lanes
 * with plain array indexing, the shape the JIT compiles to vector instructions: a loop that also
 * accumulates, or that indexes {@code row + k}, was measured not to vectorise (JDK 17, C2) and
 * ran 2-3 times slower.
 *
 * <p>Why the initial state comes free: with the smoothing parameters fixed the model is linear in
 * its state, so every one-step error is the error of a baseline start ({@code level0, trend0})
 * less {@code r_t' * delta}, where {@code delta} is the change of the initial state and {@code
 * r_t' = w' D^t} (with {@code w' = (1, phi)} and {@code D} the transition of the state after an
 * error has been fed back). Minimising over {@code delta} is a 2 x 2 least-squares problem that
 * needs {@code sum(e_t r_t)}, computed backwards in time as Horner's scheme ({@code v = e_t w' +
 * v D}) over the stored errors, and the Gramian {@code sum(r_t r_t')}, which does not depend on
 * the data and is summed by doubling in {@code O(log n)} per lane.
 */
final class DampedTrendLanes {

    /** Below this the Gramian's matrix powers are flushed to zero: subnormal arithmetic is slow and adds nothing. */
    private static final double NEGLIGIBLE = 1e-150;

    private final double[] y;
    private final double origin;
    private final double level0;
    private final double trend0;
    private final boolean fitInitialState;
    private final double[] alpha;
    private final double[] oneMinusAlpha;
    private final double[] beta;
    private final double[] phi;
    private final double[] level;
    private final double[] trend;
    private final double[] squares;
    /** {@code sum(e_t r_t)}, first and second component; they hold Horner's {@code v} while running. */
    private final double[] cross1;
    private final double[] cross2;
    /** The Gramian {@code sum(r_t r_t')}. */
    private final double[] gram11;
    private final double[] gram12;
    private final double[] gram22;
    /** The one-step errors of the baseline start, by time and lane (allocated at the first run). */
    private double[][] errors;

    /**
     * @param y the series, at least one point
     * @param origin what was subtracted from the series to give {@code y} (kept for the caller)
     * @param level0 the baseline initial level (the level before the first point)
     * @param trend0 the baseline initial trend
     * @param fitInitialState whether the initial state is fitted; when not, it is the baseline
     * @param capacity the most lanes a run will use
     */
    DampedTrendLanes(double[] y, double origin, double level0, double trend0, boolean fitInitialState,
            int capacity) {
        this.y = y;
        this.origin = origin;
        this.level0 = level0;
        this.trend0 = trend0;
        this.fitInitialState = fitInitialState;
        alpha = new double[capacity];
        oneMinusAlpha = new double[capacity];
        beta = new double[capacity];
        phi = new double[capacity];
        level = new double[capacity];
        trend = new double[capacity];
        squares = new double[capacity];
        cross1 = new double[capacity];
        cross2 = new double[capacity];
        gram11 = new double[capacity];
        gram12 = new double[capacity];
        gram22 = new double[capacity];
    }

    /** The series the lanes run over. */
    double[] series() {
        return y;
    }

    /** What was subtracted from the series. */
    double origin() {
        return origin;
    }

    /** The most lanes a run may use. */
    int capacity() {
        return alpha.length;
    }

    /** Sets the parameters of lane {@code k}. */
    void set(int k, double alphaK, double betaK, double phiK) {
        alpha[k] = alphaK;
        oneMinusAlpha[k] = 1 - alphaK;
        beta[k] = betaK;
        phi[k] = phiK;
    }

    /** Runs lanes {@code 0..count-1} over the series. */
    void run(int count) {
        final double[] alpha = this.alpha;
        final double[] oneMinusAlpha = this.oneMinusAlpha;
        final double[] beta = this.beta;
        final double[] phi = this.phi;
        final double[] level = this.level;
        final double[] trend = this.trend;
        final double[] squares = this.squares;
        final double[] cross1 = this.cross1;
        final double[] cross2 = this.cross2;
        final double[] y = this.y;
        int n = y.length;
        if (errors == null) {
            errors = new double[n][alpha.length];
        }
        final double[][] errors = this.errors;
        for (int k = 0; k < count; k++) {
            level[k] = level0;
            trend[k] = trend0;
            squares[k] = 0;
            cross1[k] = 0;
            cross2[k] = 0;
        }
        for (int t = 0; t < n; t++) {
            double value = y[t];
            final double[] row = errors[t];
            for (int k = 0; k < count; k++) {
                double dampedTrend = phi[k] * trend[k];
                double forecast = level[k] + dampedTrend;
                double e = value - forecast;
                row[k] = e;
                level[k] = forecast + alpha[k] * e;
                trend[k] = dampedTrend + beta[k] * e;
            }
        }
        for (int t = n - 1; t >= 0; t--) {
            final double[] row = errors[t];
            // v = e_t w' + v D, with D = [1 - alpha, phi (1 - alpha); -beta, phi (1 - beta)]
            for (int k = 0; k < count; k++) {
                double v1 = cross1[k];
                double v2 = cross2[k];
                double next1 = row[k] + oneMinusAlpha[k] * v1 - beta[k] * v2;
                double next2 = phi[k] * (next1 + v2);
                cross1[k] = next1;
                cross2[k] = next2;
            }
            for (int k = 0; k < count; k++) {
                double e = row[k];
                squares[k] += e * e;
            }
        }
        if (fitInitialState) {
            for (int k = 0; k < count; k++) {
                gramian(k, n);
            }
        }
    }

    /** Sum of squared one-step errors of lane {@code k} with its best initial state (never below 0). */
    double sse(int k) {
        double[] delta = initialStateChange(k);
        return Math.max(0, squares[k] - delta[0] * cross1[k] - delta[1] * cross2[k]);
    }

    /** The initial level and trend of lane {@code k}'s fit. */
    double[] initialState(int k) {
        double[] delta = initialStateChange(k);
        return new double[] {level0 + delta[0], trend0 + delta[1]};
    }

    /**
     * The least-squares change of the baseline initial state: the Gramian's normal equations; when
     * its columns are nearly collinear (a lane that forgets its start at once), the level alone.
     */
    private double[] initialStateChange(int k) {
        if (!fitInitialState) {
            return new double[2];
        }
        double g11 = gram11[k];
        double g12 = gram12[k];
        double g22 = gram22[k];
        double det = g11 * g22 - g12 * g12;
        if (!(det > 1e-12 * g11 * g22)) {
            return new double[] {cross1[k] / g11, 0}; // g11 >= 1: r_0 = (1, phi)
        }
        return new double[] {(g22 * cross1[k] - g12 * cross2[k]) / det, (g11 * cross2[k] - g12 * cross1[k]) / det};
    }

    /**
     * {@code sum(r_t r_t', t < n)} with {@code r_t' = w' D^t}, by doubling: the sum of {@code m +
     * j} terms is that of {@code m} plus {@code (D^m)'} (that of {@code j}) {@code D^m}. Only
     * sums of positive semi-definite terms, so nothing cancels, even when {@code D} has an
     * eigenvalue near 1 (small {@code alpha} and {@code beta}). Symmetric matrices are held as
     * {@code (s11, s12, s22)}, others as {@code (m11, m12, m21, m22)}.
     */
    private void gramian(int k, int n) {
        double p = phi[k];
        double b = beta[k];
        // block: the sum of 2^j terms, and D^(2^j)
        double[] block = {1, p, p * p};
        double[] blockPower = {oneMinusAlpha[k], p * oneMinusAlpha[k], -b, p * (1 - b)};
        // the sum of the first m terms, and D^m
        double[] sum = new double[3];
        double[] sumPower = {1, 0, 0, 1};
        for (int left = n; ; ) {
            if ((left & 1) != 0) {
                addCongruent(sum, block, sumPower);
                multiply(sumPower, blockPower);
            }
            left >>>= 1;
            if (left == 0) {
                break;
            }
            addCongruent(block, block, blockPower);
            multiply(blockPower, blockPower);
        }
        gram11[k] = sum[0];
        gram12[k] = sum[1];
        gram22[k] = sum[2];
    }

    /** {@code sum += m' s m} for symmetric {@code s} (which may be {@code sum} itself). */
    private static void addCongruent(double[] sum, double[] s, double[] m) {
        double x11 = s[0] * m[0] + s[1] * m[2];
        double x12 = s[0] * m[1] + s[1] * m[3];
        double x21 = s[1] * m[0] + s[2] * m[2];
        double x22 = s[1] * m[1] + s[2] * m[3];
        sum[0] += m[0] * x11 + m[2] * x21;
        sum[1] += m[0] * x12 + m[2] * x22;
        sum[2] += m[1] * x12 + m[3] * x22;
    }

    /** {@code a = a b} (powers of one matrix: they commute), entries below {@value #NEGLIGIBLE} made 0. */
    private static void multiply(double[] a, double[] b) {
        double a11 = a[0] * b[0] + a[1] * b[2];
        double a12 = a[0] * b[1] + a[1] * b[3];
        double a21 = a[2] * b[0] + a[3] * b[2];
        double a22 = a[2] * b[1] + a[3] * b[3];
        a[0] = flush(a11);
        a[1] = flush(a12);
        a[2] = flush(a21);
        a[3] = flush(a22);
    }

    private static double flush(double v) {
        return Math.abs(v) < NEGLIGIBLE ? 0 : v;
    }
}
