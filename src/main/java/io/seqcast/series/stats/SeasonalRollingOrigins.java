package io.seqcast.series.stats;

import io.seqcast.series.stats.SeasonalSmoothing.Choice;
import io.seqcast.series.stats.SeasonalSmoothing.Fit;
import io.seqcast.series.stats.SeasonalSmoothing.Model;
import io.seqcast.series.stats.SeasonalSmoothing.Selection;
import java.util.Arrays;

/**
 * {@link SeasonalSmoothing#forecastFrom}: the forecasts from rolling origins, a full search's choice
 * reused at the cuts shortly after it (see there for the contract).
 */
final class SeasonalRollingOrigins {

    private SeasonalRollingOrigins() {
    }

    /**
     * As {@link SeasonalSmoothing#forecastFrom(double[], int[], int, int, int)}, a full search's choice reused while
     * the cuts since its own are at most {@code fraction} of its history's length on (0: the full
     * search at every cut).
     */
    static double[][] forecastFrom(double[] values, int[] cuts, int season, int horizon, int maxHistory,
            double fraction) {
        AdjustedHistory.checkCuts(values, cuts, maxHistory);
        SeasonalWarmStart warm = new SeasonalWarmStart();
        // the reused fits' one-lane searches, by scale and model: their lanes are allocated once
        SeasonalSearch[][] searches = new SeasonalSearch[2][Model.values().length];
        double[][] out = new double[cuts.length][];
        int searchedCut = 0;
        int searchedLength = 0;
        for (int c = 0; c < cuts.length; c++) {
            double[] history = Arrays.copyOfRange(values, Math.max(0, cuts[c] - maxHistory), cuts[c]);
            if (c == cuts.length - 1) {
                out[c] = SeasonalSmoothing.forecast(history, season, horizon); // today's: the full search, as forecast() alone
                continue;
            }
            boolean recent = fraction > 0 && cuts[c] - searchedCut <= fraction * searchedLength;
            out[c] = recent ? reuse(history, season, horizon, warm.chosen, searches) : null;
            if (out[c] == null) {
                out[c] = SeasonalSmoothing.forecast(history, season, horizon, warm);
                searchedCut = cuts[c];
                searchedLength = history.length;
            }
        }
        return out;
    }

    /**
     * {@code history}'s forecast chosen as {@link SeasonalSmoothing#forecast} chooses, among the fits of {@code
     * choice} (an older cut's full search) with their smoothing parameters as they were, only the
     * initial state solved: a trial a candidate instead of a search. Null where {@code choice} does
     * not carry over and the cut needs the full search: no choice yet, a history that is constant,
     * too short to fit or not finite, whose candidates differ from the choice's (another set of
     * models with a finite AICc, or the log scale fitted there and not here or the other way
     * round), or that chooses the other scale (whose trend models the choice did not fit).
     */
    private static double[] reuse(double[] history, int season, int horizon, Choice choice, SeasonalSearch[][] searches) {
        int n = history.length;
        if (choice == null || n < SeasonalSmoothing.minLength(season) || DampedTrend.isConstant(history)
                || !Arrays.stream(history).allMatch(Double::isFinite)
                || SeasonalSmoothing.LOG_CANDIDATES && SeasonalSmoothing.positive(history) != choice.positive()) {
            return null;
        }
        for (Model model : Model.values()) {
            if (SeasonalSmoothing.fitted(model, n, season) != SeasonalSmoothing.fitted(model, choice.length(), season)) {
                return null;
            }
        }
        Selection selection = SeasonalSmoothing.select(history, season, horizon, SeasonalSmoothing.LOG_CANDIDATES, new Fit[2][Model.values().length],
                (y, model, log, exponent) -> {
                    Fit earlier = choice.fits()[log ? 1 : 0][model.ordinal()];
                    if (earlier == null) {
                        return null;
                    }
                    SeasonalSearch search = searches[log ? 1 : 0][model.ordinal()];
                    if (search != null && search.fits(y)) {
                        search.reset(y);
                    } else {
                        search = new SeasonalSearch(y.clone(), season, model, 1);
                        searches[log ? 1 : 0][model.ordinal()] = search;
                    }
                    return search.fitAt(new double[] {earlier.alpha(), earlier.beta(), earlier.gamma(), earlier.phi()});
                });
        boolean same = selection != null && selection.log() == choice.log() && selection.model() == choice.model();
        return same ? selection.forecast() : null;
    }
}
