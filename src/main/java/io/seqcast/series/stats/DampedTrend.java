package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * Exponential smoothing with an additive damped trend (Gardner &amp; McKenzie 1985; ETS(A,Ad,N) in
 * Hyndman's taxonomy) on the seasonally adjusted series: with SES and Holt's linear trend the third
 * member of the M4 competition's "Comb" benchmark (their average). Where Theta's drift and Holt's
 * trend go on for ever, the damped trend levels off ({@code phi < 1}).
 *
 * <p>The model, with level {@code l}, trend {@code b} and one-step error {@code e_t}:
 * <pre>
 *   yhat_t = l_{t-1} + phi b_{t-1},  e_t = y_t - yhat_t,
 *   l_t = yhat_t + alpha e_t,        b_t = phi b_{t-1} + beta e_t,
 *   forecast h steps on: l_n + (phi + phi^2 + ... + phi^h) b_n.
 * </pre>
 * Steps: the seasonal adjustment of {@link Theta} ({@link SeasonalIndices}: thetaf's test and
 * classical decomposition); {@code alpha, beta, phi} and the initial state {@code l_0, b_0}
 * fitted by least squares of the one-step errors, within R's bounds for {@code ets}: {@code 1e-4
 * <= beta <= alpha <= 0.9999} ({@code beta} is R's {@code alpha * beta*}), {@code 0.8 <= phi <=
 * 0.98}; the forecast, reseasonalised. This is R's {@code forecast(ets(adjusted, model = "AAN",
 * damped = TRUE))}: with additive errors its likelihood is {@code n log(SSE / n)}, the same optimum.
 *
 * <p>The fit: the initial state is not searched but solved, exactly, for every trial of the other
 * three (the errors are linear in it, see {@link DampedTrendLanes}); R's Nelder-Mead searches all
 * five and stops short: its squared error is 0.1-3.4% above ours on the datasets of the tests.
 * {@code alpha, beta, phi} are searched in {@code u, v, w} in [0, 1] with {@code alpha = 1e-4 +
 * (0.9999 - 1e-4) u^2} (dense at small {@code alpha}), {@code beta = 1e-4 + (alpha - 1e-4) v^2}
 * and {@code phi = 0.8 + 0.18 w}: a grid of {@value #GRID_U} x {@value #GRID_V} x {@value
 * #GRID_W}, then {@value #REFINEMENTS} passes of a 3 x 3 x 3 stencil around the best point so far,
 * each with one more trial at the least point of the quadratic fitted to the previous stencil
 * ({@link QuadraticStencil}); the step halves when that point lies inside the stencil or nothing
 * improved. Each pass runs all its trials at once. On 389 series (the public datasets at several
 * lengths and random trending series of 10 to 310 points), against a 41 x 31 x 19 grid refined to
 * convergence, the squared error is on average 2e-4 above the least found, and more than 1e-3
 * above on 11 (3%), mostly in another local minimum: R's optimiser stops in such minima too (two
 * of the test's datasets).
 *
 * <p>Short and awkward series: a constant series gives that constant exactly; fewer than {@value
 * #MIN_LENGTH} points give simple exponential smoothing from the first value, a flat forecast (as
 * Theta's fallback for so few points, without its drift: a trend from four points is mostly
 * noise); 5 to 9 points keep the initial state at the least-squares line through them (five
 * numbers fitted to so few points would fit the noise; R refuses the damped model below 10 points
 * and fits Holt's undamped trend from the first two values, which this does not copy); a seasonal
 * series with a value {@code <= 0} is adjusted additively, as Theta. Values are scaled by a power
 * of two and measured from the first point, so 1e12 plus small changes and values near {@code
 * Double.MAX_VALUE} lose nothing to rounding or overflow. The input is not modified.
 *
 * <p>Cost: about 0.3 ms for 1,000 monthly points (best of 10 batches: 330-345 us in the test on a
 * shared 2-core machine, 300 us alone): 226 trials of the model at about 1 ns a point each, and
 * the 0.7 MB their one-step errors take.
 */
public final class DampedTrend {

    /** R's bounds for the smoothing parameters in {@code ets}. */
    static final double MIN_SMOOTHING = 1e-4;
    static final double MAX_SMOOTHING = 0.9999;
    /** R's bounds for the damping parameter in {@code ets}. */
    static final double MIN_PHI = 0.8;
    static final double MAX_PHI = 0.98;

    /** Shorter series get simple exponential smoothing. */
    static final int MIN_LENGTH = 5;

    /**
     * The initial state's baseline is the least-squares line through this many first points (R's
     * {@code ets} starts there too); from this length on it is fitted.
     */
    static final int INITIAL_LINE_POINTS = 10;

    private static final int GRID_U = 8;
    private static final int GRID_V = 4;
    private static final int GRID_W = 3;
    /** Grid points: at {@code u = 0} ({@code alpha = beta = 1e-4}) {@code v} makes no difference. */
    private static final int GRID_POINTS = (GRID_U - 1) * GRID_V * GRID_W + GRID_W;
    private static final int REFINEMENTS = 5;
    /** How far (in steps) the quadratic's least point may lie from the stencil's centre. */
    private static final double REACH = 1.5;

    /** Stencils of the warm-started search ({@link WarmStart}). */
    private static final int WARM_PASSES = 2;
    /** Its first stencil's steps, as a fraction of the full search's first ones. */
    private static final double WARM_STEP_FRACTION = 0.25;
    /** A warm fit whose squared error per point grew by more than this (relative) gets the full search too. */
    private static final double FALLBACK_MARGIN = 0.05;
    /** Grid points of the last full search, away from its optimum, that each warm search also tries. */
    private static final int PROBES = 6;

    /**
     * A fit on the scaled, adjusted series: parameters, initial state, the state after the last
     * point and the sum of squared one-step errors.
     */
    record Fit(double alpha, double beta, double phi, double initialLevel, double initialTrend, double level,
            double trend, double sse) {
    }

    private DampedTrend() {
    }

    /**
     * Point forecast of exponential smoothing with a damped trend on the seasonally adjusted series
     * (Gardner &amp; McKenzie 1985; R's {@code ets(model = "AAN", damped = TRUE)} after thetaf's
     * seasonal adjustment, as the M4 benchmarks).
     *
     * @param history finite values without gaps, at least one
     * @param season observations per seasonal cycle; {@code <= 1} means not seasonal
     * @param horizon steps to forecast, at least 1
     * @return {@code horizon} finite values (an overflow beyond the double range is clamped to
     *     {@code ±Double.MAX_VALUE})
     * @throws IllegalArgumentException for an empty history or a horizon below 1
     */
    public static double[] forecast(double[] history, int season, int horizon) {
        return forecast(history, season, horizon, null);
    }

    /**
     * The forecasts from rolling origins: for each cut, {@link #forecast} of {@code values[max(0, cut
     * - maxHistory), cut)}, each seeing only the points before its cut, with the fit warm-started
     * from the previous (older) cut's (see {@link WarmStart}): a short local search around the
     * previous cut's {@code alpha, beta, phi} instead of the full search, which the oldest cut, every
     * {@value #FULL_SEARCH_EVERY}-th cut after a full search, and any cut whose warm fit looks worse
     * than the previous one's still get.
     *
     * @param values finite values without gaps
     * @param cuts ascending (not necessarily distinct), each in {@code [1, values.length]}
     * @param maxHistory most points before a cut that its fit sees, at least 1
     * @return per cut, {@code horizon} finite values
     * @throws IllegalArgumentException for cuts out of order or range, a horizon below 1 or maxHistory below 1
     */
    public static double[][] forecastFrom(double[] values, int[] cuts, int season, int horizon, int maxHistory) {
        AdjustedHistory.checkCuts(values, cuts, maxHistory);
        WarmStart warm = new WarmStart();
        double[][] out = new double[cuts.length][];
        for (int c = 0; c < cuts.length; c++) {
            out[c] = forecast(Arrays.copyOfRange(values, Math.max(0, cuts[c] - maxHistory), cuts[c]), season,
                    horizon, warm);
        }
        return out;
    }

    /** As {@link #forecast(double[], int, int)}, the fit warm-started from {@code warm} unless that is null. */
    static double[] forecast(double[] history, int season, int horizon, WarmStart warm) {
        AdjustedHistory.checkArguments(history, horizon);
        double[] out = new double[horizon];
        if (isConstant(history)) {
            Arrays.fill(out, history[0]);
            return out;
        }
        AdjustedHistory adjusted = AdjustedHistory.of(history, season);
        double[] y = adjusted.values;
        if (y.length < MIN_LENGTH) {
            Arrays.fill(out, ExponentialSmoothing.fit(y, false).level());
            return adjusted.restore(out);
        }
        Fit fit = warm == null ? fit(y) : warm.fit(y, adjusted.exponent(), adjusted.seasonal());
        double damping = 0;
        double power = 1;
        for (int i = 0; i < horizon; i++) {
            power *= fit.phi();
            damping += power;
            out[i] = fit.level() + damping * fit.trend();
        }
        return adjusted.restore(out);
    }

    /** Fits the model to {@code y} (the scaled, adjusted history; {@value #MIN_LENGTH} points or more). */
    static Fit fit(double[] y) {
        return fullSearch(y).fit();
    }

    /** The grid, then {@value #REFINEMENTS} stencils. */
    private static Search fullSearch(double[] y) {
        Search search = new Search(lanes(y, GRID_POINTS));
        search.grid();
        search.refine(REFINEMENTS);
        return search;
    }

    /**
     * The warm refinement alone: {@code passes} stencils from {@code start}, a point {@code (u, v,
     * w)} of the search, with steps {@code stepFraction} of the full search's first ones; the start
     * itself is one of the first pass's trials, so the fit is never worse than there.
     */
    private static Search localSearch(double[] y, double[] start, double[][] probes, int passes,
            double stepFraction) {
        Search search = new Search(lanes(y, QuadraticStencil.POINTS + 2 + probes.length));
        search.startAt(start, stepFraction);
        double[][] extra = Arrays.copyOf(probes, probes.length + 2);
        extra[probes.length] = start.clone();
        // alpha = beta = 1e-4 (u = 0), where the search's u has zero slope: a stencil creeps towards it
        extra[probes.length + 1] = new double[] {0, start[1], start[2]};
        search.refine(passes, extra);
        return search;
    }

    /**
     * The state carried from one rolling origin to the next, older to newer, so no cut sees a later
     * point: the previous fit's search point, its squared one-step error per point (in the data's
     * units), its seasonal adjustment, and the best grid points away from the optimum of the last
     * full search (other basins).
     *
     * <p>The rule: a cut gets the local search of {@value #WARM_PASSES} stencils from the previous
     * point (steps {@value #WARM_STEP_FRACTION} of the full search's first ones), whose first pass
     * also tries the previous point itself, the {@value #PROBES} remembered grid points and {@code
     * alpha = beta = 1e-4} (where {@code u} has zero slope, so a stencil only creeps towards it). It
     * gets the full search instead, keeping the better of the two, when any sign says the optimum
     * may lie elsewhere: it is the first cut, or has fewer than {@value #INITIAL_LINE_POINTS}
     * points (a different problem: the initial state is not fitted; and cheap), or its seasonal
     * adjustment differs from the previous cut's (the series it fits is then another one); or the
     * local search's best point lies more than one first step from the start (it is travelling, or
     * a probe won: another basin) or its squared error per point is more than {@value
     * #FALLBACK_MARGIN} (relative) above the previous cut's (new points that the old parameters
     * explain badly). Measured on the test datasets (RollingForecastTest), about 28% of cuts get the
     * full search, and the warm fit's squared error is within 1e-3 of the full search's at 99.97%
     * of cuts and within 0.4% at all, below it at 24% (the previous cut's optimum is often a
     * better start than the grid).
     */
    static final class WarmStart {

        private double[] point;
        private double errorPerPoint;
        private int adjustment = -1;
        private double[][] probes;
        /** Fits so far, and how many of them ran the full search (for tests). */
        int fits;
        int fullSearches;
        /** The latest fit, null before the first. */
        Fit last;

        /**
         * Fits {@code y}, the history adjusted as {@code seasonalAdjustment} ({@link
         * AdjustedHistory#seasonal}) and scaled by {@code 2^-exponent}.
         */
        Fit fit(double[] y, int exponent, int seasonalAdjustment) {
            fits++;
            Search search = null;
            double error = Double.NaN;
            boolean full = point == null || y.length < INITIAL_LINE_POINTS || seasonalAdjustment != adjustment;
            if (!full) {
                search = localSearch(y, point, probes, WARM_PASSES, WARM_STEP_FRACTION);
                error = errorPerPoint(search, y.length, exponent);
                double[] first = new double[3];
                Search.gridSteps(first);
                double moved = 0;
                for (int a = 0; a < 3; a++) {
                    moved = Math.max(moved, Math.abs(search.best[a] - point[a]) / (first[a] * WARM_STEP_FRACTION));
                }
                full = moved > 1 || !(error <= errorPerPoint * (1 + FALLBACK_MARGIN));
            }
            if (full) {
                Search cold = fullSearch(y);
                double coldError = errorPerPoint(cold, y.length, exponent);
                probes = cold.distantGridMinima(PROBES);
                if (search == null || coldError <= error) {
                    search = cold;
                    error = coldError;
                }
                fullSearches++;
            }
            adjustment = seasonalAdjustment;
            point = search.best.clone();
            errorPerPoint = error;
            last = search.fit();
            return last;
        }

        private static double errorPerPoint(Search search, int n, int exponent) {
            return Math.scalb(search.bestSse, 2 * exponent) / n;
        }
    }

    /** The trials' lanes for {@code y}: centred on its first point, started from the line through its first points. */
    private static DampedTrendLanes lanes(double[] y, int capacity) {
        int n = y.length;
        double origin = y[0];
        double[] centred = new double[n];
        for (int t = 0; t < n; t++) {
            centred[t] = y[t] - origin; // exact for close values; errors then keep their own scale
        }
        int lineCount = Math.min(n, INITIAL_LINE_POINTS);
        double slope = Theta.leastSquaresSlope(centred, lineCount);
        double mean = 0;
        for (int t = 0; t < lineCount; t++) {
            mean += centred[t];
        }
        mean /= lineCount;
        double level0 = mean - slope * (lineCount + 1) / 2.0; // the line one step before the first point
        return new DampedTrendLanes(centred, origin, level0, slope, n >= INITIAL_LINE_POINTS, capacity);
    }

    static double alpha(double u) {
        return MIN_SMOOTHING + (MAX_SMOOTHING - MIN_SMOOTHING) * u * u;
    }

    static double beta(double alpha, double v) {
        return MIN_SMOOTHING + (alpha - MIN_SMOOTHING) * v * v;
    }

    static double phi(double w) {
        return MIN_PHI + (MAX_PHI - MIN_PHI) * w;
    }

    /** Runs the model once from the fitted initial state: the final state and the squared error. */
    private static Fit finalPass(double[] centred, double origin, double alpha, double beta, double phi, double l0,
            double b0) {
        double level = l0;
        double trend = b0;
        double sse = 0;
        for (double value : centred) {
            double dampedTrend = phi * trend;
            double forecast = level + dampedTrend;
            double e = value - forecast;
            sse += e * e;
            level = forecast + alpha * e;
            trend = dampedTrend + beta * e;
        }
        return new Fit(alpha, beta, phi, origin + l0, b0, origin + level, trend, sse);
    }

    static boolean isConstant(double[] history) {
        for (double v : history) {
            if (v != history[0]) {
                return false;
            }
        }
        return true;
    }

    /** The search over {@code (u, v, w)}: the best point so far and its initial state. */
    private static final class Search {
        private final DampedTrendLanes lanes;
        private final double[][] points;
        final double[] best = new double[3];
        private double bestSse = Double.POSITIVE_INFINITY;
        double[] bestInitialState;
        private final double[] step = new double[3];
        /** The grid's points and squared errors, when it ran. */
        double[][] gridPoints;
        double[] gridSse;

        Search(DampedTrendLanes lanes) {
            this.lanes = lanes;
            this.points = new double[lanes.capacity()][];
        }

        /** The fit at the best point: the model run once more from its initial state. */
        Fit fit() {
            double alpha = alpha(best[0]);
            return finalPass(lanes.series(), lanes.origin(), alpha, beta(alpha, best[1]), phi(best[2]),
                    bestInitialState[0], bestInitialState[1]);
        }

        /** Instead of {@link #grid}: the stencil starts at {@code point}, with {@code fraction} of the grid's steps. */
        void startAt(double[] point, double fraction) {
            System.arraycopy(point, 0, best, 0, 3);
            gridSteps();
            for (int a = 0; a < 3; a++) {
                step[a] *= fraction;
            }
        }

        /** Half the grid's spacing: the first stencil's steps after the grid. */
        private void gridSteps() {
            gridSteps(step);
        }

        static void gridSteps(double[] step) {
            step[0] = 0.5 / (GRID_U - 1);
            step[1] = 0.5 / (GRID_V - 1);
            step[2] = 0.5 / (GRID_W - 1);
        }

        /** The grid, corners included; at {@code u = 0} every {@code v} gives the same {@code beta}. */
        void grid() {
            int count = 0;
            for (int i = 0; i < GRID_U; i++) {
                for (int j = 0; j < (i == 0 ? 1 : GRID_V); j++) {
                    for (int l = 0; l < GRID_W; l++) {
                        points[count++] = new double[] {(double) i / (GRID_U - 1), (double) j / (GRID_V - 1),
                                (double) l / (GRID_W - 1)};
                    }
                }
            }
            evaluate(count);
            gridSse = new double[count];
            for (int k = 0; k < count; k++) {
                gridSse[k] = lanes.sse(k);
            }
            gridPoints = Arrays.copyOf(points, count);
            gridSteps();
        }

        /**
         * The best {@code count} grid points more than one grid spacing from the best point found
         * (in some coordinate): where another basin's search would start.
         */
        double[][] distantGridMinima(int count) {
            Integer[] order = new Integer[gridSse.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (i, j) -> Double.compare(gridSse[i], gridSse[j]));
            double[] spacing = new double[3];
            gridSteps(spacing);
            double[][] out = new double[count][];
            int found = 0;
            for (int k = 0; k < order.length && found < count; k++) {
                double[] p = gridPoints[order[k]];
                boolean distant = false;
                for (int a = 0; a < 3; a++) {
                    distant |= Math.abs(p[a] - best[a]) > spacing[a] * 1.0001;
                }
                if (distant) {
                    out[found++] = p.clone();
                }
            }
            return Arrays.copyOf(out, found);
        }

        /**
         * {@code passes} stencils around the best point so far, each with the least point of the
         * quadratic fitted to the previous one; {@code extra}, when not null, is a further trial of the first.
         */
        void refine(int passes, double[]... extra) {
            double[] values = new double[QuadraticStencil.POINTS];
            double[] predicted = null;
            for (int pass = 0; pass < passes; pass++) {
                // the stencil around the best point, moved inward where it would leave [0, 1]
                double[] centre = new double[3];
                for (int a = 0; a < 3; a++) {
                    centre[a] = Math.max(step[a], Math.min(1 - step[a], best[a]));
                }
                for (int index = 0; index < QuadraticStencil.POINTS; index++) {
                    points[index] = new double[3];
                    for (int a = 0; a < 3; a++) {
                        points[index][a] = centre[a] + QuadraticStencil.offset(index, a) * step[a];
                    }
                }
                int count = QuadraticStencil.POINTS;
                if (predicted != null) {
                    points[count++] = predicted;
                }
                if (pass == 0) {
                    for (double[] point : extra) {
                        points[count++] = point;
                    }
                }
                boolean improved = evaluate(count);
                if (pass == passes - 1) {
                    break; // the next stencil would not be run
                }
                for (int index = 0; index < QuadraticStencil.POINTS; index++) {
                    values[index] = lanes.sse(index);
                }
                double[] lower = new double[3];
                double[] upper = new double[3];
                for (int a = 0; a < 3; a++) {
                    lower[a] = Math.max(-centre[a] / step[a], -REACH);
                    upper[a] = Math.min((1 - centre[a]) / step[a], REACH);
                }
                double[] x = QuadraticStencil.minimum(values, lower, upper);
                predicted = new double[3];
                double distance = 0;
                for (int a = 0; a < 3; a++) {
                    predicted[a] = Math.max(0, Math.min(1, centre[a] + x[a] * step[a]));
                    distance = Math.max(distance, Math.abs(x[a]));
                }
                if (!improved || distance <= 1) {
                    for (int a = 0; a < 3; a++) {
                        step[a] /= 2;
                    }
                }
            }
        }

        /** Runs {@code points[0..count-1]}; whether one of them beat the best so far. */
        private boolean evaluate(int count) {
            for (int k = 0; k < count; k++) {
                double alpha = alpha(points[k][0]);
                lanes.set(k, alpha, beta(alpha, points[k][1]), phi(points[k][2]));
            }
            lanes.run(count);
            boolean improved = false;
            for (int k = 0; k < count; k++) {
                double sse = lanes.sse(k);
                if (sse < bestSse || bestInitialState == null) {
                    bestSse = sse;
                    System.arraycopy(points[k], 0, best, 0, 3);
                    bestInitialState = lanes.initialState(k);
                    improved = true;
                }
            }
            return improved;
        }
    }
}
