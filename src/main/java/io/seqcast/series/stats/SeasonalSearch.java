package io.seqcast.series.stats;

import static io.seqcast.series.stats.SeasonalSmoothing.MAX_PHI;
import static io.seqcast.series.stats.SeasonalSmoothing.MAX_SMOOTHING;
import static io.seqcast.series.stats.SeasonalSmoothing.MIN_PHI;
import static io.seqcast.series.stats.SeasonalSmoothing.MIN_SMOOTHING;

import io.seqcast.series.stats.SeasonalSmoothing.Fit;
import io.seqcast.series.stats.SeasonalSmoothing.Model;
import java.util.Arrays;

/**
 * The least-squares search of {@link SeasonalSmoothing}'s smoothing parameters over the model's
 * coordinates in [0, 1] ({@link #parameters}): a grid, then cross stencils refined around one or
 * more starts at once (their trials share the lanes' runs), each trial's initial state solved
 * exactly by {@link SeasonalLanes}. A point outside R's admissible region ({@link
 * SeasonalAdmissibility}) has its {@code beta} lowered to the boundary.
 *
 * <p>Call order: {@link #grid} or {@link #startAt}, then {@link #refine}, then {@link #fit}; or
 * {@link #fitAt} alone (after {@link #reset} for another series of the same length). Not thread-safe.
 */
final class SeasonalSearch {

    /** How far (in steps) the quadratic's least point may lie from the stencil's centre. */
    private static final double REACH = 1.5;
    /** Bisection steps that find the admissible region's largest {@code beta}. */
    private static final int ADMISSIBLE_BISECTIONS = 12;

    private static final int[] GRID_ANA = {6, 4};
    private static final int[] GRID_AAA = {5, 3, 4};
    private static final int[] GRID_AADA = {5, 3, 4, 2};
    /** Stencils after the grid. */
    static final int REFINEMENTS = 5;
    /** Local searches refined at once: from the best grid point and the best one in another basin. */
    static final int STARTS = 2;
    /**
     * A start in another basin is refined only when its grid point's squared error is within this
     * factor of the best one's (the trials it saves: docs/accuracy.md).
     */
    private static final double SECOND_START_RATIO = 1.05;
    /** Grid points of the last full search, away from its optimum, that each warm search also tries. */
    static final int PROBES = 4;

    /** Grid of a model's full search: values per coordinate ({@code u, (v,) w(, x)}). */
    static int[] gridSizes(Model model) {
        return switch (model) {
            case ANA -> GRID_ANA;
            case AAA -> GRID_AAA;
            case AADA -> GRID_AADA;
        };
    }

    /** The full search: the grid, then {@code refinements} stencils around each of {@code starts} starts. */
    static SeasonalSearch full(double[] y, int season, Model model, int[] grid, int starts, int refinements) {
        SeasonalSearch search = new SeasonalSearch(y, season, model);
        search.grid(grid, starts);
        search.refine(refinements);
        return search;
    }

    /** {@code alpha} of the search coordinate {@code u} in [0, 1]: dense near 1e-4. */
    static double alpha(double u) {
        return MIN_SMOOTHING + (MAX_SMOOTHING - MIN_SMOOTHING) * u * u;
    }

    /**
     * The parameters {@code alpha, beta, gamma, phi} at a search point: {@code alpha} from {@code
     * u}, {@code beta = 1e-4 + (alpha - 1e-4) v^2}, {@code gamma = 1e-4 + (1 - alpha - 1e-4) w^2},
     * {@code phi = 0.8 + 0.18 x}; {@code beta} 0 and {@code phi} 1 where the model has none.
     */
    static double[] parameters(Model model, double[] point) {
        double alpha = alpha(point[0]);
        int next = 1;
        double beta = 0;
        if (model.trend) {
            double v = point[next++];
            beta = MIN_SMOOTHING + (alpha - MIN_SMOOTHING) * v * v;
        }
        double w = point[next++];
        double gamma = MIN_SMOOTHING + (1 - alpha - MIN_SMOOTHING) * w * w;
        double phi = model.damped ? MIN_PHI + (MAX_PHI - MIN_PHI) * point[next] : 1;
        return new double[] {alpha, beta, gamma, phi};
    }

    private final double[] y;
    private final double[] baseline;
    /** The series less the baseline forecast: the lanes' data. */
    private final double[] measured;
    private final int season;
    private final Model model;
    private final int d;
    private final SeasonalLanes lanes;
    private final double[][] points;
    private final boolean[] feasible;
    private final int[][] offsets;
    /** Lanes of this model's runs. */
    private final int capacity;
    private final double[] admissibleScratch;
    private final double[] admissibleNext;
    private final java.util.Map<java.util.List<Double>, Double> betaLimits = new java.util.HashMap<>();
    private Start[] starts = new Start[0];
    /** The grid's points and squared errors, when it ran. */
    private double[][] gridPoints;
    private double[] gridSse;
    private int[] gridSizes;
    /** Where a warm search started, and its first steps. */
    private double[] origin;
    private double[] firstStep;
    int trials;

    /** One start's local search: its best point, squared error and initial state, its steps and next predicted point. */
    private final class Start {
        final double[] best = new double[d];
        double bestSse = Double.POSITIVE_INFINITY;
        double[] bestChange;
        final double[] step = new double[d];
        double[] predicted;
        /** Further points of the first pass. */
        double[][] extra = new double[0][];
        int first;
        int end;
        double[] centre;
    }

    SeasonalSearch(double[] y, int season, Model model) {
        // two starts' stencils and predicted points, or a warm start's with its extra points
        this(y, season, model, Math.max(STARTS * (QuadraticStencil.crossOffsets(model.dimensions()).length + 1),
                QuadraticStencil.crossOffsets(model.dimensions()).length + 2 + PROBES));
    }

    /** A search of at most {@code capacity} trials a run. */
    SeasonalSearch(double[] y, int season, Model model, int capacity) {
        this.y = y;
        this.season = season;
        this.model = model;
        this.d = model.dimensions();
        // the baseline initial state: the first season's values as the phase offsets, no trend
        baseline = new double[season];
        measured = new double[y.length];
        measure();
        offsets = QuadraticStencil.crossOffsets(d);
        this.capacity = capacity;
        lanes = new SeasonalLanes(measured, season, model.trend, capacity);
        points = new double[capacity][];
        feasible = new boolean[capacity];
        admissibleScratch = new double[season + 2];
        admissibleNext = new double[season + 2];
    }

    /**
     * A full grid with {@code sizes[a]} values of coordinate {@code a}, corners included, run
     * in batches of the lanes' capacity; then {@code count} starts: the best grid point and
     * the best ones more than one grid spacing (in some coordinate) from every start before.
     */
    void grid(int[] sizes, int count) {
        double[][] gridChange = runGrid(sizes);
        starts = chooseStarts(sizes, count, gridChange);
    }

    /**
     * Runs the grid, keeping its points and squared errors; returns the initial states of the
     * points that may become starts (near the best so far), null for the others.
     */
    private double[][] runGrid(int[] sizes) {
        int total = 1;
        for (int size : sizes) {
            total *= size;
        }
        gridSizes = sizes.clone();
        gridPoints = new double[total][];
        gridSse = new double[total];
        double[][] gridChange = new double[total][];
        double least = Double.POSITIVE_INFINITY;
        for (int from = 0; from < total; from += capacity) {
            int batch = Math.min(capacity, total - from);
            for (int i = 0; i < batch; i++) {
                double[] point = new double[d];
                for (int a = d - 1, rest = from + i; a >= 0; a--) {
                    point[a] = (double) (rest % sizes[a]) / (sizes[a] - 1);
                    rest /= sizes[a];
                }
                points[i] = point;
            }
            run(batch);
            for (int i = 0; i < batch; i++) {
                gridPoints[from + i] = points[i];
                gridSse[from + i] = feasible[i] ? lanes.sse(i) : Double.POSITIVE_INFINITY;
                // only a point near the best so far can become a start
                if (gridSse[from + i] <= least * SECOND_START_RATIO) {
                    gridChange[from + i] = lanes.initialStateChange(i);
                    least = Math.min(least, gridSse[from + i]);
                }
            }
        }
        return gridChange;
    }

    /** The best grid point, then the best ones in other basins ({@link #grid}). */
    private Start[] chooseStarts(int[] sizes, int count, double[][] gridChange) {
        int total = gridSse.length;
        Integer[] order = new Integer[total];
        for (int k = 0; k < total; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (i, j) -> Double.compare(gridSse[i], gridSse[j]));
        java.util.List<Start> chosen = new java.util.ArrayList<>();
        count = Math.min(count, capacity / (offsets.length + 1));
        for (int k = 0; k < total && chosen.size() < count; k++) {
            double[] p = gridPoints[order[k]];
            if (gridChange[order[k]] == null) {
                break; // infeasible, or too far above the best to be a start
            }
            boolean distant = true;
            for (Start other : chosen) {
                boolean far = false;
                for (int a = 0; a < d; a++) {
                    far |= Math.abs(p[a] - other.best[a]) > 1.0001 / (sizes[a] - 1);
                }
                distant &= far;
            }
            if (distant && !chosen.isEmpty() && gridSse[order[k]] > chosen.get(0).bestSse * SECOND_START_RATIO) {
                break; // the other basins' best is too far above: not worth a local search
            }
            if (distant) {
                Start start = new Start();
                System.arraycopy(p, 0, start.best, 0, d);
                start.bestSse = gridSse[order[k]];
                start.bestChange = gridChange[order[k]];
                for (int a = 0; a < d; a++) {
                    start.step[a] = 0.5 / (sizes[a] - 1);
                }
                chosen.add(start);
            }
        }
        return chosen.toArray(new Start[0]);
    }

    /**
     * Instead of {@link #grid}: one start at {@code point}, its steps {@code fraction} of the
     * full search's first ones, its first pass also trying {@code point} itself and {@code
     * probes} (may be null).
     */
    void startAt(double[] point, double fraction, double[][] probes) {
        Start start = new Start();
        System.arraycopy(point, 0, start.best, 0, d);
        int[] sizes = gridSizes(model);
        for (int a = 0; a < d; a++) {
            start.step[a] = fraction * 0.5 / (sizes[a] - 1);
        }
        double[][] probeList = probes == null ? new double[0][] : probes;
        start.extra = new double[probeList.length + 1][];
        start.extra[0] = point.clone();
        for (int i = 0; i < probeList.length; i++) {
            start.extra[i + 1] = probeList[i].clone();
        }
        starts = new Start[] {start};
        origin = point.clone();
        firstStep = start.step.clone();
    }

    /** How far the warm search's best point lies from its start, in first steps (largest coordinate). */
    double moved() {
        double moved = 0;
        for (int a = 0; a < d; a++) {
            moved = Math.max(moved, Math.abs(best().best[a] - origin[a]) / firstStep[a]);
        }
        return moved;
    }

    /** The best point found. */
    double[] bestPoint() {
        return best().best.clone();
    }

    /** Its squared error (of the scaled series). */
    double bestSse() {
        return best().bestSse;
    }

    private Start best() {
        Start start = starts[0];
        for (Start other : starts) {
            if (other.bestSse < start.bestSse) {
                start = other;
            }
        }
        return start;
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
        double[] best = best().best;
        double[][] out = new double[count][];
        int found = 0;
        for (int k = 0; k < order.length && found < count && gridSse[order[k]] < Double.POSITIVE_INFINITY; k++) {
            double[] p = gridPoints[order[k]];
            boolean distant = false;
            for (int a = 0; a < d; a++) {
                distant |= Math.abs(p[a] - best[a]) > 1.0001 / (gridSizes[a] - 1);
            }
            if (distant) {
                out[found++] = p.clone();
            }
        }
        return Arrays.copyOf(out, found);
    }

    /**
     * {@code passes} cross stencils around each start's best point, each with the least point
     * of the quadratic fitted to its previous stencil; a start's steps halve when that point
     * lies inside its stencil or the stencil found nothing better.
     */
    void refine(int passes) {
        double[] values = new double[offsets.length];
        for (int pass = 0; pass < passes; pass++) {
            run(layOutStencils(pass == 0));
            for (Start start : starts) {
                boolean improved = keepBest(start);
                if (pass < passes - 1) {
                    predict(start, improved, values);
                }
            }
        }
    }

    /**
     * Each start's stencil around its best point (kept as its centre), its predicted point and, on
     * the first pass, its extra points, into {@link #points}; returns how many.
     */
    private int layOutStencils(boolean firstPass) {
        int count = 0;
        for (Start start : starts) {
            start.centre = new double[d];
            for (int a = 0; a < d; a++) {
                start.centre[a] = Math.max(start.step[a], Math.min(1 - start.step[a], start.best[a]));
            }
            start.first = count;
            for (int index = 0; index < offsets.length; index++) {
                double[] point = new double[d];
                for (int a = 0; a < d; a++) {
                    point[a] = start.centre[a] + offsets[index][a] * start.step[a];
                }
                points[count++] = point;
            }
            if (start.predicted != null) {
                points[count++] = start.predicted;
            }
            if (firstPass) {
                for (double[] point : start.extra) {
                    points[count++] = point.clone();
                }
            }
            start.end = count;
        }
        return count;
    }

    /** Whether the start's points of the last run improved on its best point (which then moves there). */
    private boolean keepBest(Start start) {
        boolean improved = false;
        for (int k = start.first; k < start.end; k++) {
            if (feasible[k] && lanes.sse(k) < start.bestSse) {
                start.bestSse = lanes.sse(k);
                System.arraycopy(points[k], 0, start.best, 0, d);
                start.bestChange = lanes.initialStateChange(k);
                improved = true;
            }
        }
        return improved;
    }

    /**
     * The start's next predicted point, the least point of the quadratic fitted to its stencil; its
     * steps halve when that point lies inside the stencil or the stencil found nothing better.
     * {@code values} is scratch of the stencil's size.
     */
    private void predict(Start start, boolean improved, double[] values) {
        boolean usable = true;
        for (int index = 0; index < offsets.length; index++) {
            values[index] = lanes.sse(start.first + index);
            usable &= feasible[start.first + index];
        }
        double[] lower = new double[d];
        double[] upper = new double[d];
        for (int a = 0; a < d; a++) {
            lower[a] = Math.max(-start.centre[a] / start.step[a], -REACH);
            upper[a] = Math.min((1 - start.centre[a]) / start.step[a], REACH);
        }
        double[] x = usable ? QuadraticStencil.crossMinimum(values, offsets, lower, upper) : new double[d];
        start.predicted = new double[d];
        double distance = 0;
        for (int a = 0; a < d; a++) {
            start.predicted[a] = Math.max(0, Math.min(1, start.centre[a] + x[a] * start.step[a]));
            distance = Math.max(distance, Math.abs(x[a]));
        }
        if (!improved || distance <= 1) {
            for (int a = 0; a < d; a++) {
                start.step[a] /= 2;
            }
        }
    }

    /** Runs {@code points[0..count-1]}, each first made admissible ({@link #admissibleParameters}). */
    private void run(int count) {
        for (int k = 0; k < count; k++) {
            double[] params = admissibleParameters(points[k]);
            feasible[k] = params != null;
            if (params == null) {
                params = parameters(model, new double[d]);
            }
            lanes.set(k, params[0], params[1], params[2], params[3]);
        }
        lanes.run(count);
        trials += count;
    }

    /**
     * The parameters at {@code point}, admissible: where they are not, {@code beta} is lowered
     * to the boundary and the point moved there; null when no {@code beta} is admissible.
     */
    private double[] admissibleParameters(double[] point) {
        double[] params = parameters(model, point);
        if (!model.trend) {
            return params; // without a trend the usual bounds are admissible throughout (checked in the test)
        }
        java.util.List<Double> key = java.util.List.of(params[0], params[2], params[3]);
        Double limit = betaLimits.get(key);
        if (limit == null) {
            if (isAdmissible(params)) {
                return params;
            }
            limit = betaLimit(params);
            betaLimits.put(key, limit);
        }
        if (limit.isNaN()) {
            return null;
        }
        if (params[1] > limit) {
            params[1] = limit;
            point[1] = Math.sqrt((limit - MIN_SMOOTHING) / (params[0] - MIN_SMOOTHING));
        }
        return params;
    }

    /**
     * The largest admissible {@code beta} below the inadmissible {@code params[1]} for the
     * other parameters (NaN when not even 1e-4 is), by bisection: the admissible {@code beta}
     * form an interval from 1e-4 up (R's region; checked in the test). Cached by the caller:
     * the points of a grid or stencil that differ in {@code beta} alone share it.
     */
    private double betaLimit(double[] params) {
        double[] trial = params.clone();
        double low = MIN_SMOOTHING;
        double high = params[1];
        trial[1] = low;
        if (!isAdmissible(trial)) {
            return Double.NaN;
        }
        for (int i = 0; i < ADMISSIBLE_BISECTIONS; i++) {
            trial[1] = (low + high) / 2;
            if (isAdmissible(trial)) {
                low = trial[1];
            } else {
                high = trial[1];
            }
        }
        return low;
    }

    private boolean isAdmissible(double[] params) {
        return SeasonalAdmissibility.admissible(params[0], params[1], params[2], params[3], season, model.trend, admissibleScratch,
                admissibleNext);
    }

    /** The fit at the best start's best point: the model run once more from its initial state. */
    Fit fit() {
        Start start = best();
        return fit(parameters(model, start.best), start.bestChange);
    }

    /** The baseline initial state, the first season's values as the phase offsets, and the series less it. */
    private void measure() {
        System.arraycopy(y, 0, baseline, 0, season);
        for (int t = 0; t < y.length; t++) {
            measured[t] = y[t] - baseline[t % season];
        }
    }

    /** Whether {@link #fitAt} may run on {@code other} after {@link #reset}: as long as this search's series. */
    boolean fits(double[] other) {
        return other.length == y.length;
    }

    /** The search over {@code other} (as long as its series) instead, without allocating its lanes anew. */
    void reset(double[] other) {
        System.arraycopy(other, 0, y, 0, y.length);
        measure();
    }

    /**
     * The fit with the smoothing parameters {@code params} ({@code alpha, beta, gamma, phi},
     * admissible) as given, only the initial state solved: one trial.
     */
    Fit fitAt(double[] params) {
        lanes.set(0, params[0], params[1], params[2], params[3]);
        lanes.run(1);
        trials++;
        return fit(params, lanes.initialStateChange(0));
    }

    /** The fit with {@code params} from the initial state {@code change} off the baseline: the model run once more. */
    private Fit fit(double[] params, double[] change) {
        int m = season;
        double[] offsets = new double[m];
        double level0 = 0;
        for (int j = 0; j < m; j++) {
            offsets[j] = baseline[j] + change[j];
            level0 += offsets[j] / m;
        }
        double[] seasonal0 = new double[m];
        for (int j = 0; j < m; j++) {
            seasonal0[j] = offsets[j] - level0;
        }
        double trend0 = model.trend ? change[m] : 0;
        Fit fit = SeasonalSmoothing.run(y, model, params[0], params[1], params[2], params[3], level0, trend0, seasonal0);
        return new Fit(model, fit.alpha(), fit.beta(), fit.gamma(), fit.phi(), level0, trend0, seasonal0,
                fit.level(), fit.trend(), fit.seasonal(), fit.sse(), trials);
    }
}
