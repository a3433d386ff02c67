package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * The sum of squared one-step errors of the additive Holt-Winters models ({@link
 * SeasonalSmoothing}) for up to {@code capacity} parameter sets ("lanes") in one pass over the
 * series, with the initial state (level, trend, {@code m} seasonal states summing to 0) that
 * minimises it.
 *
 * <p>The model as a regression: with the smoothing parameters fixed, the one-step errors are {@code
 * e = L (y - X delta)}, where {@code L} is the model's recursion run from a zero state (a causal,
 * time-invariant filter: lower-triangular Toeplitz with unit diagonal) and {@code X delta} what the
 * initial state alone would forecast: {@code delta} holds {@code a_j = l_0 + s_j}, the initial
 * level plus the seasonal state of phase {@code j} ({@code t mod m}, counted from the first point),
 * and the initial trend {@code b_0}, which adds {@code phi + ... + phi^(t+1)} at point {@code t}.
 * The {@code m} offsets {@code a_j} are the level and the seasonal states with their sum-to-zero
 * constraint, without the redundant direction (a level up and every seasonal state down by the
 * same amount forecasts the same). So the best {@code delta} solves the normal equations {@code G
 * delta = c} with {@code G = (LX)'(LX)} and {@code c = (LX)' L y}, and leaves {@code |Ly|^2 - c'
 * G^-1 c}.
 *
 * <p>Why that costs {@code O(n + m^2)} a lane and not {@code O(n m^2)}: {@code X}'s seasonal
 * columns are the phase indicators {@code d_j}, each the first one {@code d_0} delayed by {@code
 * j}, and a causal time-invariant filter commutes with the delay, so {@code L d_j} is {@code q = L
 * d_0} delayed by {@code j}: then {@code G_(i+1)(j+1) = G_ij - q_(n-1-i) q_(n-1-j)}, and only
 * {@code G}'s first column and its trend row need sums over the series. Those, and {@code c}, are
 * products {@code X' L' u}: the adjoint of the recursion run backwards over {@code u} (reverse-mode
 * differentiation of {@code u'e} with respect to the initial state). So each run is three forward
 * passes (the data, {@code q}, and the trend column {@code z = L tau}: the errors from an initial
 * seasonal state, or an initial trend, of -1 on zero data) and three backward ones, each a few
 * operations a point, then a Cholesky factorisation of the {@code (m + 1) x (m + 1)} matrix {@code
 * G}.
 *
 * <p>Lanes, as in {@link DampedTrendLanes}: each loop runs over the lanes with plain array
 * indexing, which the JIT compiles to vector instructions; the seasonal states are stored by phase,
 * so every lane reads the same phase at the same time.
 */
final class SeasonalLanes {

    /**
     * A pivot of the Cholesky factorisation below this share of its diagonal entry drops that
     * coordinate of the initial state (keeps its baseline): the columns are then nearly collinear
     * (a damped trend's column is nearly constant once {@code phi^t} has died out), and what the
     * coordinate could add to the fit is below rounding anyway.
     */
    private static final double COLLINEAR = 1e-11;

    private final double[] y;
    private final int season;
    private final boolean trend;
    /** Unknowns of the initial state: {@code m} offsets, and the trend when there is one. */
    private final int unknowns;
    private final double[] alpha;
    private final double[] beta;
    private final double[] gamma;
    private final double[] phi;

    /**
     * The recursions' channels: 0 the data, 1 the delayed phase indicator ({@code q}). Their states
     * by channel and lane (the seasonal ones by channel, phase and lane), forward, then reused as the
     * adjoint states backwards.
     */
    private final int channels;
    private final double[][] level;
    private final double[][] trendState;
    private final double[][][] seasonState;
    /**
     * The trend column {@code z = L tau} (with a trend): as {@code tau} is {@code phi / (1 - phi B)}
     * applied to the sum of the {@code m} phase indicators, {@code z} is that filter applied to the
     * window sums {@code W_t = q_t + ... + q_(t-m+1)} (causal time-invariant filters commute):
     * {@code z_t = phi (z_(t-1) + W_t)}. Its state and the sums {@code z'q} and {@code z'z}.
     */
    private final double[] windowSum;
    private final double[] trendColumn;
    private final double[] trendCrossQ;
    private final double[] trendSquares;
    /** The channels' outputs by channel, time and lane (allocated at the first run). */
    private double[][][] outputs;

    private final double[] squares;
    /** {@code c' G^-1 c}, the part of the squared error the initial state removes. */
    private final double[] explained;
    /** The Cholesky factor of {@code G}, packed by rows ({@code (i, j)}, {@code j <= i}, at {@code i (i + 1) / 2 + j}). */
    private final double[][] factor;
    /** {@code c}, then the forward substitution {@code w = F^-1 c} in place. */
    private final double[][] cross;
    /** The reciprocals of the Cholesky factor's diagonal, 0 for a dropped coordinate. */
    private final double[][] inversePivot;
    /** The error's adjoint in a backward step. */
    private final double[] adjoint;
    /** {@code G}'s diagonal entry of the row being factorised. */
    private final double[] diagonalEntry;

    /**
     * @param y the series less the baseline forecast of the initial state the fits are measured
     *     from; more points than {@code unknowns}
     * @param season {@code m}, at least 2
     * @param trend whether the model has a trend (with {@code beta} and {@code phi}); without, {@code
     *     beta} and {@code phi} are ignored
     * @param capacity the most lanes a run will use
     */
    SeasonalLanes(double[] y, int season, boolean trend, int capacity) {
        this.y = y;
        this.season = season;
        this.trend = trend;
        this.unknowns = season + (trend ? 1 : 0);
        alpha = new double[capacity];
        beta = new double[capacity];
        gamma = new double[capacity];
        phi = new double[capacity];
        channels = 2;
        level = new double[channels][capacity];
        trendState = new double[channels][capacity];
        seasonState = new double[channels][season][capacity];
        windowSum = new double[capacity];
        trendColumn = new double[capacity];
        trendCrossQ = new double[capacity];
        trendSquares = new double[capacity];
        squares = new double[capacity];
        explained = new double[capacity];
        factor = new double[unknowns * (unknowns + 1) / 2][capacity];
        cross = new double[unknowns][capacity];
        diagonalEntry = new double[capacity];
        adjoint = new double[capacity];
        inversePivot = new double[unknowns][capacity];
    }

    int capacity() {
        return alpha.length;
    }

    /** Sets the parameters of lane {@code k} ({@code beta} and {@code phi} are ignored without a trend). */
    void set(int k, double alphaK, double betaK, double gammaK, double phiK) {
        alpha[k] = alphaK;
        beta[k] = trend ? betaK : 0;
        gamma[k] = gammaK;
        phi[k] = trend ? phiK : 1;
    }

    /** Runs lanes {@code 0..count-1} over the series. */
    void run(int count) {
        int n = y.length;
        if (outputs == null) {
            outputs = new double[channels][n][capacity()];
        }
        forward(count);
        backward(count);
        solve(count);
    }

    /** Sum of squared one-step errors of lane {@code k} with its best initial state (never below 0). */
    double sse(int k) {
        return Math.max(0, squares[k] - explained[k]);
    }

    /**
     * The best initial state of lane {@code k} as the change of the baseline: the {@code m} phase
     * offsets {@code a_j}, then the trend {@code b_0} when there is one.
     */
    double[] initialStateChange(int k) {
        int p = unknowns;
        double[] delta = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double diagonal = factor[i * (i + 1) / 2 + i][k];
            if (diagonal == 0) {
                continue; // a dropped coordinate: kept at the baseline
            }
            double v = cross[i][k];
            for (int j = i + 1; j < p; j++) {
                v -= factor[j * (j + 1) / 2 + i][k] * delta[j];
            }
            delta[i] = v / diagonal;
        }
        return delta;
    }

    /**
     * Both channels over the series: the data from a zero state, {@code q} from an initial seasonal
     * state of phase 0 of -1 on zero data; with a trend, {@code z} from {@code q} alongside.
     */
    private void forward(int count) {
        reset(count);
        for (int k = 0; k < count; k++) {
            seasonState[1][0][k] = -1;
        }
        Arrays.fill(windowSum, 0, count, 0);
        Arrays.fill(trendColumn, 0, count, 0);
        Arrays.fill(trendCrossQ, 0, count, 0);
        Arrays.fill(trendSquares, 0, count, 0);
        int phase = 0;
        for (int t = 0; t < y.length; t++) {
            for (int c = 0; c < channels; c++) {
                double value = c == 0 ? y[t] : 0;
                if (trend) {
                    step(count, value, level[c], trendState[c], seasonState[c][phase], outputs[c][t]);
                } else {
                    step(count, value, level[c], seasonState[c][phase], outputs[c][t]);
                }
            }
            if (trend) {
                trendColumnStep(count, outputs[1][t], t >= season ? outputs[1][t - season] : null);
            }
            if (++phase == season) {
                phase = 0;
            }
        }
    }

    /** {@code W_t}, {@code z_t} and the sums {@code z'q}, {@code z'z}, from {@code q_t} and {@code q_(t-m)} (null before the first). */
    private void trendColumnStep(int count, double[] q, double[] dropped) {
        final double[] phi = this.phi;
        final double[] windowSum = this.windowSum;
        final double[] z = this.trendColumn;
        for (int k = 0; k < count; k++) {
            windowSum[k] += q[k];
        }
        if (dropped != null) {
            for (int k = 0; k < count; k++) {
                windowSum[k] -= dropped[k];
            }
        }
        for (int k = 0; k < count; k++) {
            z[k] = phi[k] * (z[k] + windowSum[k]);
        }
        final double[] crossQ = this.trendCrossQ;
        for (int k = 0; k < count; k++) {
            crossQ[k] += z[k] * q[k];
        }
        final double[] squares = this.trendSquares;
        for (int k = 0; k < count; k++) {
            squares[k] += z[k] * z[k];
        }
    }

    /**
     * One step of the model with a trend, in lanes {@code 0..count-1}: the error goes to {@code
     * row}. Each loop stores to one array: C2 (JDK 17) vectorises such loops, and not one that
     * updates several arrays (measured 2.7 times slower).
     */
    private void step(int count, double value, double[] level, double[] trend, double[] seasonal, double[] row) {
        final double[] alpha = this.alpha;
        final double[] beta = this.beta;
        final double[] gamma = this.gamma;
        final double[] phi = this.phi;
        for (int k = 0; k < count; k++) {
            row[k] = value - level[k] - phi[k] * trend[k] - seasonal[k];
        }
        for (int k = 0; k < count; k++) {
            level[k] += phi[k] * trend[k] + alpha[k] * row[k];
        }
        for (int k = 0; k < count; k++) {
            trend[k] = phi[k] * trend[k] + beta[k] * row[k];
        }
        for (int k = 0; k < count; k++) {
            seasonal[k] += gamma[k] * row[k];
        }
    }

    /** One step of the model without a trend. */
    private void step(int count, double value, double[] level, double[] seasonal, double[] row) {
        final double[] alpha = this.alpha;
        final double[] gamma = this.gamma;
        for (int k = 0; k < count; k++) {
            row[k] = value - level[k] - seasonal[k];
        }
        for (int k = 0; k < count; k++) {
            level[k] += alpha[k] * row[k];
        }
        for (int k = 0; k < count; k++) {
            seasonal[k] += gamma[k] * row[k];
        }
    }

    /**
     * The adjoint recursions, backwards over each channel's outputs: {@code X' L' u} for {@code u}
     * the data's errors (giving {@code c}) and {@code q} ({@code G}'s first column), left as the
     * negated adjoints of the initial seasonal states and trend. Also sums the squared errors of
     * the data.
     */
    private void backward(int count) {
        reset(count);
        final double[] squares = this.squares;
        for (int k = 0; k < count; k++) {
            squares[k] = 0;
        }
        int n = y.length;
        int phase = (n - 1) % season;
        for (int t = n - 1; t >= 0; t--) {
            final double[] errors = outputs[0][t];
            for (int k = 0; k < count; k++) {
                double e = errors[k];
                squares[k] += e * e;
            }
            for (int c = 0; c < channels; c++) {
                if (trend) {
                    adjointStep(count, outputs[c][t], level[c], trendState[c], seasonState[c][phase]);
                } else {
                    adjointStep(count, outputs[c][t], level[c], seasonState[c][phase]);
                }
            }
            if (--phase < 0) {
                phase = season - 1;
            }
        }
    }

    /**
     * The adjoint of {@link #step(int, double, double[], double[], double[], double[])}: from the
     * adjoints of the state after it and the weight {@code row} of its error, those of the state
     * before it.
     */
    private void adjointStep(int count, double[] row, double[] level, double[] trend, double[] seasonal) {
        final double[] alpha = this.alpha;
        final double[] beta = this.beta;
        final double[] gamma = this.gamma;
        final double[] phi = this.phi;
        final double[] adjoint = this.adjoint;
        for (int k = 0; k < count; k++) {
            adjoint[k] = row[k] + alpha[k] * level[k] + gamma[k] * seasonal[k];
        }
        for (int k = 0; k < count; k++) {
            adjoint[k] += beta[k] * trend[k];
        }
        for (int k = 0; k < count; k++) {
            trend[k] = phi[k] * (level[k] + trend[k] - adjoint[k]);
        }
        for (int k = 0; k < count; k++) {
            level[k] -= adjoint[k];
        }
        for (int k = 0; k < count; k++) {
            seasonal[k] -= adjoint[k];
        }
    }

    /** The adjoint of {@link #step(int, double, double[], double[], double[])}. */
    private void adjointStep(int count, double[] row, double[] level, double[] seasonal) {
        final double[] alpha = this.alpha;
        final double[] gamma = this.gamma;
        final double[] adjoint = this.adjoint;
        for (int k = 0; k < count; k++) {
            adjoint[k] = row[k] + alpha[k] * level[k] + gamma[k] * seasonal[k];
        }
        for (int k = 0; k < count; k++) {
            level[k] -= adjoint[k];
        }
        for (int k = 0; k < count; k++) {
            seasonal[k] -= adjoint[k];
        }
    }

    /** Zeroes every channel's state in lanes {@code 0..count-1}. */
    private void reset(int count) {
        for (int c = 0; c < channels; c++) {
            Arrays.fill(level[c], 0, count, 0);
            Arrays.fill(trendState[c], 0, count, 0);
            for (double[] phase : seasonState[c]) {
                Arrays.fill(phase, 0, count, 0);
            }
        }
    }

    /**
     * {@code G}'s trend row, {@code G_(j,b) = sum(q_(t-j) z_t)}, without a pass over the series:
     * {@code G_(0,b) = z'q}, {@code G_(b,b) = z'z}, and, by {@code z_(t+1) = phi (z_t + W_(t+1))},
     * <pre>
     *   G_(j+1,b) = phi (G_(j,b) + G_(j+1,0) + sum(G_(j,k), k &lt; m - 1)
     *                    - q_(n-1-j) (z_(n-1) + W_(n-1) - q_(n-m))).
     * </pre>
     */
    private void trendRow(int count) {
        int m = season;
        int n = y.length;
        int row = m * (m + 1) / 2;
        final double[][] factor = this.factor;
        final double[] phi = this.phi;
        double[] first = factor[row];
        System.arraycopy(trendCrossQ, 0, first, 0, count);
        System.arraycopy(trendSquares, 0, factor[row + m], 0, count);
        // z_(n-1) + W_(n-1) - q_(n-m): the boundary terms' common factor
        double[] boundary = diagonalEntry; // scratch until the factorisation
        for (int k = 0; k < count; k++) {
            boundary[k] = trendColumn[k] + windowSum[k] - (n - m >= 0 ? outputs[1][n - m][k] : 0);
        }
        for (int j = 0; j + 1 < m; j++) {
            double[] next = factor[row + j + 1];
            double[] current = factor[row + j];
            System.arraycopy(current, 0, next, 0, count);
            double[] firstColumn = factor[(j + 1) * (j + 2) / 2];
            for (int k = 0; k < count; k++) {
                next[k] += firstColumn[k];
            }
            for (int l = 0; l < m - 1; l++) {
                double[] entry = l <= j ? factor[j * (j + 1) / 2 + l] : factor[l * (l + 1) / 2 + j];
                for (int k = 0; k < count; k++) {
                    next[k] += entry[k];
                }
            }
            if (n - 1 - j >= 0) {
                double[] q = outputs[1][n - 1 - j];
                for (int k = 0; k < count; k++) {
                    next[k] -= q[k] * boundary[k];
                }
            }
            for (int k = 0; k < count; k++) {
                next[k] *= phi[k];
            }
        }
    }

    /**
     * Assembles {@code G} and {@code c} from the adjoints and the last {@code m} values of {@code
     * q}, factorises {@code G} and substitutes forward: {@code c' G^-1 c = |w|^2}.
     */
    private void solve(int count) {
        int m = season;
        int p = unknowns;
        int n = y.length;
        final double[][] factor = this.factor;
        final double[][] cross = this.cross;
        // G's seasonal block: the first column from the adjoints, then down the diagonals
        for (int i = 0; i < m; i++) {
            double[] first = factor[i * (i + 1) / 2];
            double[] adjoint = seasonState[1][i];
            double[] c = cross[i];
            double[] adjointE = seasonState[0][i];
            for (int k = 0; k < count; k++) {
                first[k] = -adjoint[k];
                c[k] = -adjointE[k];
            }
        }
        for (int i = 1; i < m; i++) {
            double[] qi = n - i >= 0 ? outputs[1][n - i] : null;
            for (int j = 1; j <= i; j++) {
                double[] out = factor[i * (i + 1) / 2 + j];
                double[] previous = factor[(i - 1) * i / 2 + j - 1];
                if (qi == null || n - j < 0) {
                    System.arraycopy(previous, 0, out, 0, count);
                    continue;
                }
                double[] qj = outputs[1][n - j];
                for (int k = 0; k < count; k++) {
                    out[k] = previous[k] - qi[k] * qj[k];
                }
            }
        }
        if (trend) {
            double[] c = cross[m];
            double[] adjointE = trendState[0];
            for (int k = 0; k < count; k++) {
                c[k] = -adjointE[k];
            }
            trendRow(count);
        }
        // Cholesky, row by row, with the forward substitution alongside
        final double[] diagonalEntry = this.diagonalEntry;
        for (int k = 0; k < count; k++) {
            explained[k] = 0;
        }
        for (int i = 0; i < p; i++) {
            int rowI = i * (i + 1) / 2;
            System.arraycopy(factor[rowI + i], 0, diagonalEntry, 0, count);
            for (int j = 0; j <= i; j++) {
                int rowJ = j * (j + 1) / 2;
                double[] out = factor[rowI + j];
                for (int l = 0; l < j; l++) {
                    double[] a = factor[rowI + l];
                    double[] b = factor[rowJ + l];
                    for (int k = 0; k < count; k++) {
                        out[k] -= a[k] * b[k];
                    }
                }
                if (j < i) {
                    double[] inverse = inversePivot[j];
                    for (int k = 0; k < count; k++) {
                        out[k] *= inverse[k];
                    }
                }
            }
            double[] c = cross[i];
            for (int l = 0; l < i; l++) {
                double[] a = factor[rowI + l];
                double[] w = cross[l];
                for (int k = 0; k < count; k++) {
                    c[k] -= a[k] * w[k];
                }
            }
            double[] diagonal = factor[rowI + i];
            double[] inverse = inversePivot[i];
            for (int k = 0; k < count; k++) {
                double d = diagonal[k];
                double root = d > COLLINEAR * diagonalEntry[k] ? Math.sqrt(d) : 0;
                diagonal[k] = root;
                inverse[k] = root == 0 ? 0 : 1 / root; // a dropped coordinate's column is all 0
            }
            for (int k = 0; k < count; k++) {
                c[k] *= inverse[k];
            }
            for (int k = 0; k < count; k++) {
                explained[k] += c[k] * c[k];
            }
        }
    }
}
