package io.seqcast.series.stats;

import io.seqcast.series.stats.SeasonalSmoothing.Choice;
import io.seqcast.series.stats.SeasonalSmoothing.Fit;
import io.seqcast.series.stats.SeasonalSmoothing.Model;
import java.util.Arrays;

/**
 * {@link SeasonalSmoothing}'s state carried from one rolling origin to the next, older to newer, so no cut sees a later
 * point: per model, the previous fit's search point, its squared one-step error per point (in
 * the data's units), and the best grid points away from the optimum of the last full search
 * (other basins).
 *
 * <p>The rule, as {@link DampedTrend.WarmStart}'s: each model gets {@value #WARM_PASSES}
 * stencils from the previous point (steps {@value #WARM_STEP_FRACTION} of the full search's
 * first ones), whose first pass also tries the previous point itself and the {@value SeasonalSearch#PROBES}
 * remembered grid points. It gets the full search instead, keeping the better of the two, when
 * the optimum may lie elsewhere: the first cut; the local search's best point more than one
 * first step from the start (travelling, or a probe won); or its squared error per point more
 * than {@value #FALLBACK_MARGIN} (relative) above the previous cut's. The log scale's fits have
 * a warm start of their own ({@link #logScale}). How often
 * the full search runs and how close the warm fits come to it: docs/accuracy.md.
 */
final class SeasonalWarmStart {

    /** Stencils of the warm-started search. */
    private static final int WARM_PASSES = 2;
    /** Its first stencil's steps, as a fraction of the full search's first ones. */
    private static final double WARM_STEP_FRACTION = 0.25;
    /** A warm fit whose squared error per point grew by more than this (relative) gets the full search too. */
    private static final double FALLBACK_MARGIN = 0.02;

    private final double[][] point = new double[Model.values().length][];
    private final double[] errorPerPoint = new double[Model.values().length];
    private final double[][][] probes = new double[Model.values().length][][];
    private int season = -1;
    /** Fits so far, how many of them ran the full search, and their trials (for tests). */
    int fits;
    int fullSearches;
    long trials;
    /** The latest fits, by model (null before the first). */
    final Fit[] last = new Fit[Model.values().length];
    /** The latest cut's choice (null where it had no fit). */
    Choice chosen;
    /** The warm start of the log scale's fits, created at its first use. */
    private SeasonalWarmStart logScale;

    SeasonalWarmStart logScale() {
        if (logScale == null) {
            logScale = new SeasonalWarmStart();
        }
        return logScale;
    }

    /** Forgets the previous cut's fits ({@link #last}). */
    void newCut() {
        Arrays.fill(last, null);
    }

    /** Fits {@code model} to {@code y}, scaled by {@code 2^-exponent} and centred. */
    Fit fit(double[] y, int season, Model model, int exponent) {
        if (season != this.season) {
            Arrays.fill(point, null);
            this.season = season;
        }
        int index = model.ordinal();
        fits++;
        SeasonalSearch search = null;
        double error = Double.NaN;
        boolean full = point[index] == null;
        if (!full) {
            search = new SeasonalSearch(y, season, model);
            search.startAt(point[index], WARM_STEP_FRACTION, probes[index]);
            search.refine(WARM_PASSES);
            error = errorPerPoint(search.bestSse(), y.length, exponent);
            full = search.moved() > 1 || !(error <= errorPerPoint[index] * (1 + FALLBACK_MARGIN));
        }
        if (full) {
            SeasonalSearch cold = SeasonalSearch.full(y, season, model, SeasonalSearch.gridSizes(model),
                    SeasonalSearch.STARTS, SeasonalSearch.REFINEMENTS);
            double coldError = errorPerPoint(cold.bestSse(), y.length, exponent);
            probes[index] = cold.distantGridMinima(SeasonalSearch.PROBES);
            if (search != null) {
                trials += search.trials;
            }
            if (search == null || coldError <= error) {
                search = cold;
                error = coldError;
            } else {
                trials += cold.trials;
            }
            fullSearches++;
        }
        trials += search.trials;
        point[index] = search.bestPoint();
        errorPerPoint[index] = error;
        last[index] = search.fit();
        return last[index];
    }

    private static double errorPerPoint(double sse, int n, int exponent) {
        return Math.scalb(sse, 2 * exponent) / n;
    }
}
