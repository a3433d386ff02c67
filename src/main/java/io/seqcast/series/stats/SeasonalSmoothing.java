package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * Holt-Winters exponential smoothing with an additive, evolving seasonal pattern: ETS(A,N,A),
 * ETS(A,A,A) and ETS(A,Ad,A) in Hyndman's taxonomy, fitted by least squares and chosen by AICc as
 * R's {@code ets(y, additive.only = TRUE)} chooses among these three. Where {@link Theta} and
 * {@link DampedTrend} divide out one seasonal pattern fixed by a classical decomposition, this one
 * lets the pattern drift with the data, as the monthly series of deaths, temperatures or CO2 do.
 *
 * <p>The model, with level {@code l}, trend {@code b}, seasonal states {@code s} and one-step error
 * {@code e_t} (no trend: {@code b = 0}; undamped: {@code phi = 1}):
 * <pre>
 *   yhat_t = l_{t-1} + phi b_{t-1} + s_{t-m},  e_t = y_t - yhat_t,
 *   l_t = l_{t-1} + phi b_{t-1} + alpha e_t,  b_t = phi b_{t-1} + beta e_t,  s_t = s_{t-m} + gamma e_t,
 *   forecast h steps on: l_n + (phi + ... + phi^h) b_n + s_{n+h-m(1+floor((h-1)/m))}.
 * </pre>
 * The fit: {@code alpha, beta, gamma, phi} within R's bounds ({@code 1e-4 <= alpha <= 0.9999,
 * 1e-4 <= beta <= alpha, 1e-4 <= gamma <= 1 - alpha, 0.8 <= phi <= 0.98}) and R's admissible
 * region (its default {@code bounds = "both"}; for monthly data it cuts {@code beta} to about
 * 0.1-0.2 once {@code alpha} is large), and the initial state, the seasonal states summing to 0,
 * that minimise the sum of squared one-step errors: R's {@code ets} with additive errors maximises
 * {@code -n log(SSE) / 2}, the same optimum. The initial state is not searched but solved exactly
 * for every trial of the smoothing parameters ({@link SeasonalLanes}); R's Nelder-Mead searches it
 * along with them (14 to 18 numbers for monthly data) and stops short: on the 75 fits of the test
 * its squared error is 0.1% to 94% above ours. The smoothing parameters are searched on a grid,
 * then by cross stencils ({@link QuadraticStencil#crossMinimum}) around the best grid point and the
 * best one in another basin at once; a point outside the admissible region has its {@code beta}
 * lowered to the boundary. On 148 rolling-origin histories of the test series, against a dense
 * grid refined to convergence from three starts, the squared error is on average 7e-4
 * (ETS(A,A,A)) and 1e-3 (ETS(A,Ad,A)) above the least found, within 1e-3 on 94% and 91% of them
 * (the rest mostly other local minima, at most 7% above), and within 3e-5 for ETS(A,N,A). The choice among the three agrees with R's on 9 of the 13 cases of the test;
 * on the other 4 R's optimiser stopped short on the model chosen here (see the test).
 *
 * <p>Multiplicative seasonality, cheaply: for a history of positive values the same models are also
 * fitted to {@code log(y)} and their forecasts back-transformed with {@code exp} (the median of a
 * log-normal forecast, as R's {@code ets(lambda = 0)} without bias adjustment); a stand-in for the
 * multiplicative ETS models, whose errors are not linear in the initial state. The scale is chosen
 * by ETS(A,N,A)'s AICc on both (the log's with the Jacobian {@code 2 sum(log y)}, so both are
 * likelihoods of {@code y}), and the trend models are fitted on that scale only: as accurate as
 * fitting all six (rolling-origin MASE 0.9016 either way) at four fits' cost. Measured on the 32
 * seasonal series of the tests from rolling origins (horizon two seasons, the last 240 points),
 * mean MASE 0.902 against 0.924 with the additive models alone (better on 17 series, worse on
 * 10; seasonal naive 1.231), and on the holdouts of 8 public series 0.606 against 0.627 (R's
 * {@code ets} with its multiplicative models 0.804).
 *
 * <p>Short and awkward series: a constant series gives that constant; no season ({@code m <= 1}),
 * a season above {@value #MAX_SEASON} (R's limit) or fewer points than one season give {@link
 * DampedTrend}'s forecast (its classical seasonal adjustment, if any); {@code m} to {@code m + 4}
 * points give seasonal naive (the last season again), and from {@link #minLength} ({@code m + 5})
 * on the models are fitted, each once its AICc is finite; values that are not finite are rejected
 * (the caller fills gaps).
 * Values are scaled by a power of two and measured from the first point, so 1e12 plus small
 * changes and values near {@code Double.MAX_VALUE} lose nothing to rounding or overflow. The input
 * is not modified.
 *
 * <p>Cost, measured on the last 240 points of co2 (best of 15 batches on a shared 2-core machine,
 * {@code SeasonalSmoothingTiming}): a trial of the smoothing parameters about 1.7 us without a
 * trend and 2.5-3 us with one (the lanes, the Cholesky factorisation, the admissibility test;
 * runs of fewer than about 32 lanes vectorise poorly); a fit of ETS(A,N,A) 0.2 ms (122 trials),
 * ETS(A,A,A) 0.45 ms (159), ETS(A,Ad,A) 0.7 ms (289); {@link #forecast}, four fits, 1.7 ms; {@link
 * #forecastFrom} over 41 cuts 11-12.5 ms (0.29 ms a cut; with the full search at every cut 29 ms),
 * of which the last cut's {@link #forecast} 1.7-1.9 ms, 6 full searches about 1.5 ms each and 34
 * reused cuts about 70 us each. A trial is {@code O(n + m^3)}: on the last 1,000 points of
 * sunspot.month (the selector's history bound for its statistical candidates; zeros, so the raw
 * scale alone) {@link #forecast} takes 4.2 ms and {@link #forecastFrom} 21 ms over 41 cuts (64-66
 * ms with the full search at every cut), a reused cut about 0.24 ms. Whether the longer history
 * forecasts better is not measured here.
 */
public final class SeasonalSmoothing {

    /** R's bounds for the smoothing parameters in {@code ets}. */
    static final double MIN_SMOOTHING = DampedTrend.MIN_SMOOTHING;
    static final double MAX_SMOOTHING = DampedTrend.MAX_SMOOTHING;
    /** R's bounds for the damping parameter in {@code ets}. */
    static final double MIN_PHI = DampedTrend.MIN_PHI;
    static final double MAX_PHI = DampedTrend.MAX_PHI;

    /** How far (in steps) the quadratic's least point may lie from the stencil's centre. */
    private static final double REACH = 1.5;
    /** Bisection steps that find the admissible region's largest {@code beta}. */
    private static final int ADMISSIBLE_BISECTIONS = 12;

    /** The three models. */
    enum Model {
        /** ETS(A,N,A): level and season. */
        ANA(false, false),
        /** ETS(A,A,A): level, trend and season. */
        AAA(true, false),
        /** ETS(A,Ad,A): level, damped trend and season. */
        AADA(true, true);

        final boolean trend;
        final boolean damped;

        Model(boolean trend, boolean damped) {
            this.trend = trend;
            this.damped = damped;
        }

        /** Searched coordinates: alpha, (beta,) gamma(, phi). */
        int dimensions() {
            return 2 + (trend ? 1 : 0) + (damped ? 1 : 0);
        }

        /**
         * R's parameter count for the information criteria: the smoothing parameters, the initial
         * level (and trend), {@code m - 1} free initial seasonal states, and the error variance.
         */
        int parameters(int season) {
            return dimensions() + 1 + (trend ? 1 : 0) + season - 1 + 1;
        }
    }

    /**
     * A fit on the scaled, centred series: the model, its parameters, the initial state (the
     * seasonal states by phase, {@code t mod m} counted from the first point), the state after the
     * last point and the sum of squared one-step errors.
     */
    record Fit(Model model, double alpha, double beta, double gamma, double phi, double initialLevel,
            double initialTrend, double[] initialSeasonal, double level, double trend, double[] seasonal,
            double sse, int trials) {

        /** The point forecast {@code h = 1..horizon} steps after the {@code n} fitted points. */
        double[] forecast(int n, int horizon) {
            int m = seasonal.length;
            double[] out = new double[horizon];
            double damping = 0;
            double power = 1;
            for (int h = 1; h <= horizon; h++) {
                power *= phi;
                damping += power;
                out[h - 1] = level + damping * trend + seasonal[(int) ((n + (long) h - 1) % m)];
            }
            return out;
        }
    }

    /** Grid of a model's full search: values per coordinate ({@code u, (v,) w(, x)}). */
    static int[] gridSizes(Model model) {
        return switch (model) {
            case ANA -> GRID_ANA;
            case AAA -> GRID_AAA;
            case AADA -> GRID_AADA;
        };
    }

    private static final int[] GRID_ANA = {6, 4};
    private static final int[] GRID_AAA = {5, 3, 4};
    private static final int[] GRID_AADA = {5, 3, 4, 2};
    /** Stencils after the grid. */
    private static final int REFINEMENTS = 5;
    /** Local searches refined at once: from the best grid point and the best one in another basin. */
    private static final int STARTS = 2;
    /**
     * A start in another basin is refined only when its grid point's squared error is within this
     * factor of the best one's (measured on 122 rolling-origin histories: the searches take 25-30%
     * fewer trials and lose nothing measurable).
     */
    private static final double SECOND_START_RATIO = 1.05;

    /** Stencils of the warm-started search ({@link WarmStart}). */
    private static final int WARM_PASSES = 2;
    /** Its first stencil's steps, as a fraction of the full search's first ones. */
    private static final double WARM_STEP_FRACTION = 0.25;
    /** A warm fit whose squared error per point grew by more than this (relative) gets the full search too. */
    private static final double FALLBACK_MARGIN = 0.02;
    /** Grid points of the last full search, away from its optimum, that each warm search also tries. */
    private static final int PROBES = 4;

    /**
     * Whether a positive history's logarithms are fitted too (see the class comment): measured on
     * the 32 seasonal series of the tests from rolling origins, mean MASE 0.902 against 0.924
     * without (better on 19 series, worse on 9), and 0.606 against 0.627 on the holdouts of 8
     * public series; at twice the cost for positive series.
     */
    static final boolean LOG_CANDIDATES = true;

    /**
     * {@link #forecastFrom} reuses a full search's choice at later cuts while they lie at most this
     * share of its history's length after it: measured as in {@link #forecastFrom}, the mean MASE
     * against the full search at every cut is +0.0011 to +0.0017 from 0.025 to 0.1, +0.0024 to
     * +0.0034 from 0.15 to 0.25, +0.005 at 0.5 and +0.011 at 1; 0.1 costs 11-12.5 ms a series of 41
     * cuts at 240 points, 0.2 about 9.4 ms, 0.5 about 7 ms (the full search at every cut 29 ms).
     */
    static final double REUSE_FRACTION = 0.1;

    /** R's {@code ets} refuses seasonal models for a longer season ("Frequency too high"). */
    public static final int MAX_SEASON = 24;

    private SeasonalSmoothing() {
    }

    /**
     * Point forecast of the additive Holt-Winters model (ETS(A,N,A), ETS(A,A,A) or ETS(A,Ad,A))
     * with the least AICc.
     *
     * @param history finite values without gaps, at least one
     * @param season observations per seasonal cycle; {@code <= 1} means not seasonal
     * @param horizon steps to forecast, at least 1
     * @return {@code horizon} finite values (an overflow beyond the double range is clamped to
     *     {@code ±Double.MAX_VALUE})
     * @throws IllegalArgumentException for an empty history, a value that is not finite, or a horizon below 1
     */
    public static double[] forecast(double[] history, int season, int horizon) {
        return forecast(history, season, horizon, null);
    }

    /** As {@link #forecast(double[], int, int)}, the fits warm-started from {@code warm} unless that is null. */
    static double[] forecast(double[] history, int season, int horizon, WarmStart warm) {
        return forecast(history, season, horizon, warm, LOG_CANDIDATES);
    }

    /**
     * As {@link #forecast(double[], int, int, WarmStart)}; with {@code logCandidates}, a positive
     * history's logarithms are fitted too, and compete by AICc with the Jacobian of the log.
     */
    static double[] forecast(double[] history, int season, int horizon, WarmStart warm, boolean logCandidates) {
        AdjustedHistory.checkArguments(history, horizon);
        for (double v : history) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("history must be finite (fill gaps first), got " + v);
            }
        }
        if (warm != null) {
            warm.chosen = null;
        }
        int n = history.length;
        double[] out = new double[horizon];
        if (DampedTrend.isConstant(history)) {
            Arrays.fill(out, history[0]);
            return out;
        }
        if (season < 2 || season > MAX_SEASON || n < season) {
            return DampedTrend.forecast(history, season, horizon);
        }
        if (n < minLength(season)) {
            for (int i = 0; i < horizon; i++) {
                out[i] = history[n - season + i % season]; // seasonal naive: the last season again
            }
            return out;
        }
        if (warm != null) {
            warm.newCut();
        }
        Fit[][] fits = new Fit[2][Model.values().length];
        Selection selection = select(history, season, horizon, logCandidates, fits, (y, model, log, exponent) ->
                fit(y, season, model, warm == null ? null : log ? warm.logScale() : warm, exponent));
        if (warm != null) {
            warm.chosen = new Choice(fits, selection.log(), selection.model(), logCandidates && positive(history), n);
        }
        return selection.forecast();
    }

    /** What {@link #select} chose: the forecast, its scale and model. */
    private record Selection(double[] forecast, boolean log, Model model) {
    }

    /** How {@link #select} fits a model: to {@code y} on the log scale or not, scaled by {@code 2^-exponent}. */
    private interface Fitter {
        Fit fit(double[] y, Model model, boolean log, int exponent);
    }

    /**
     * The forecast of the candidate with the least AICc, fitted by {@code fitter} to a history of at
     * least {@link #minLength} points, not constant: ETS(A,N,A), the cheapest, on both scales (the
     * log's only when {@code logCandidates} and the history is positive) decides the scale, then
     * the trend models are fitted on that one. Each fit lands in {@code fits[log ? 1 : 0][model]};
     * null when the fitter returns null for a model whose AICc is finite.
     */
    private static Selection select(double[] history, int season, int horizon, boolean logCandidates, Fit[][] fits,
            Fitter fitter) {
        int n = history.length;
        int exponent = AdjustedHistory.scaleExponent(history);
        double origin = Math.scalb(history[0], -exponent);
        double[] y = centred(history, exponent);
        boolean positive = logCandidates && positive(history);
        double[] z = positive ? logRelative(history) : null;
        // both criteria in the units of the scaled history: the log's density carries the Jacobian 1 / y
        Fit raw = fitter.fit(y, Model.ANA, false, exponent);
        fits[0][0] = raw;
        boolean log = false;
        if (positive) {
            double jacobian = 0;
            for (double v : history) {
                jacobian += 2 * Math.log(Math.scalb(v, -exponent));
            }
            Fit logFit = fitter.fit(z, Model.ANA, true, 0);
            fits[1][0] = logFit;
            if (raw == null || logFit == null) {
                return null;
            }
            log = criterion(logFit, n, season) + jacobian < criterion(raw, n, season);
        }
        Fit[] candidates = fits[log ? 1 : 0];
        for (Model model : new Model[] {Model.AAA, Model.AADA}) {
            if (fitted(model, n, season)) {
                candidates[model.ordinal()] = log ? fitter.fit(z, model, true, 0) : fitter.fit(y, model, false, exponent);
                if (candidates[model.ordinal()] == null) {
                    return null;
                }
            }
        }
        if (candidates[0] == null) {
            return null;
        }
        Fit best = leastAicc(candidates, n, season);
        return new Selection(restore(best, log, history, exponent, origin, horizon), log, best.model());
    }

    /** The history scaled by {@code 2^-exponent} and measured from its first point (exact for close values). */
    private static double[] centred(double[] history, int exponent) {
        double origin = Math.scalb(history[0], -exponent);
        double[] y = new double[history.length];
        for (int t = 0; t < y.length; t++) {
            y[t] = Math.scalb(history[t], -exponent) - origin;
        }
        return y;
    }

    private static boolean positive(double[] history) {
        return Arrays.stream(history).allMatch(v -> v > 0);
    }

    /**
     * A full search's outcome at one cut ({@link #forecast(double[], int, int, WarmStart)}): its
     * fits by scale (raw, log) and model, whether the history was positive (log candidates fitted),
     * and its length.
     */
    record Choice(Fit[][] fits, boolean log, Model model, boolean positive, int length) {
    }

    /**
     * {@code history}'s forecast chosen as {@link #forecast} chooses, among the fits of {@code
     * choice} (an older cut's full search) with their smoothing parameters as they were, only the
     * initial state solved: a trial a candidate instead of a search. Null where {@code choice} does
     * not carry over and the cut needs the full search: no choice yet, a history that is constant,
     * too short to fit or not finite, whose candidates differ from the choice's (another set of
     * models with a finite AICc, or the log scale fitted there and not here or the other way
     * round), or that chooses the other scale (whose trend models the choice did not fit).
     */
    private static double[] reuse(double[] history, int season, int horizon, Choice choice, Search[][] searches) {
        int n = history.length;
        if (choice == null || n < minLength(season) || DampedTrend.isConstant(history)
                || !Arrays.stream(history).allMatch(Double::isFinite)
                || LOG_CANDIDATES && positive(history) != choice.positive()) {
            return null;
        }
        for (Model model : Model.values()) {
            if (fitted(model, n, season) != fitted(model, choice.length(), season)) {
                return null;
            }
        }
        Selection selection = select(history, season, horizon, LOG_CANDIDATES, new Fit[2][Model.values().length],
                (y, model, log, exponent) -> {
                    Fit earlier = choice.fits()[log ? 1 : 0][model.ordinal()];
                    if (earlier == null) {
                        return null;
                    }
                    Search search = searches[log ? 1 : 0][model.ordinal()];
                    if (search != null && search.fits(y)) {
                        search.reset(y);
                    } else {
                        search = new Search(y.clone(), season, model, 1);
                        searches[log ? 1 : 0][model.ordinal()] = search;
                    }
                    return search.fitAt(new double[] {earlier.alpha(), earlier.beta(), earlier.gamma(), earlier.phi()});
                });
        boolean same = selection != null && selection.log() == choice.log() && selection.model() == choice.model();
        return same ? selection.forecast() : null;
    }

    /**
     * {@code model}'s fit to {@code y}, warm-started from {@code warm} unless that is null; null
     * when its AICc is not finite on so few points.
     */
    private static Fit fit(double[] y, int season, Model model, WarmStart warm, int exponent) {
        if (!fitted(model, y.length, season)) {
            return null;
        }
        return warm == null ? fit(y, season, model) : warm.fit(y, season, model, exponent);
    }

    /** The forecast of {@code fit} in the history's units: from the log scale, or the scaled and centred one. */
    private static double[] restore(Fit fit, boolean log, double[] history, int exponent, double origin,
            int horizon) {
        double[] forecast = fit.forecast(history.length, horizon);
        for (int i = 0; i < horizon; i++) {
            forecast[i] = AdjustedHistory.clampToFinite(log ? Math.exp(forecast[i]) * history[0]
                    : Math.scalb(forecast[i] + origin, exponent));
        }
        return forecast;
    }

    /** {@code log(y_t / y_0)} of a positive history, without rounding the small changes of a large level away. */
    private static double[] logRelative(double[] history) {
        double first = history[0];
        double[] z = new double[history.length];
        for (int t = 0; t < z.length; t++) {
            double change = history[t] - first;
            double ratio = history[t] / first;
            if (Math.abs(change) < first) {
                z[t] = Math.log1p(change / first);
            } else if (ratio > Double.MIN_NORMAL && ratio < Double.POSITIVE_INFINITY) {
                z[t] = Math.log(ratio); // a ratio of two values: unchanged when both are scaled by a power of two
            } else {
                z[t] = Math.log(history[t]) - Math.log(first);
            }
        }
        return z;
    }

    /** The fit's AICc ({@link #aicc}). */
    private static double criterion(Fit fit, int n, int season) {
        return aicc(fit.sse(), n, fit.model().parameters(season));
    }

    /**
     * The forecasts from rolling origins, each cut's from {@code values[max(0, cut - maxHistory),
     * cut)} alone, in order, so that no cut sees a point at or after it. The last cut (the end of
     * the series in the selector: today's forecast) is {@link #forecast} of its history exactly. The
     * first cut with a fit gets the full search (the three models, both scales, AICc), and so does
     * each later cut more than {@value #REUSE_FRACTION} of that search's history length after it,
     * warm-started from the previous full search ({@link WarmStart}). The cuts in between reuse the
     * latest full search's fits: their smoothing parameters as they were, only the initial state
     * solved on the cut's own history (a trial a candidate instead of about 90-290), the scale and
     * model chosen by AICc among them as {@link #forecast} chooses; where that choice is not the
     * full search's (or the candidates differ: another set of models with a finite AICc, a history
     * positive where it was not or the other way round), the cut gets the full search instead.
     *
     * <p>Measured ({@code SeasonalSmoothingAccuracy}) on the 32 seasonal series of the tests from
     * rolling origins (horizon two seasons, 40 cuts whose horizon is known, each seeing its last 240
     * points): mean MASE 0.9032 against 0.9016 with the full search at every cut and 0.9019 with
     * {@link #forecast} alone at every cut (no warm start); the difference is sunspots' (+0.056; the
     * full search and {@link #forecast} alone already differ by +0.037 there), no other series moves
     * by more than 0.011. Seeing the last 1,000 points: 0.9076 against 0.9083 and 0.9071. Reusing a
     * choice over a fixed number of cuts without the check of its scale and model did worse: every
     * second cut 0.9048, every eighth 0.9279 (short histories, whose parameters move fastest, lost
     * most: freeny.y's 39 points 0.376 to 1.0). The cost: about 2.5 times less than the full search
     * at every cut at 240 points, 3 times less at 1,000 (see the class comment); most of it is the
     * full searches, the last cut's among them.
     *
     * @param values finite values without gaps
     * @param cuts ascending (not necessarily distinct), each in {@code [1, values.length]}
     * @param maxHistory most points before a cut that its fit sees, at least 1
     * @return per cut, {@code horizon} finite values
     * @throws IllegalArgumentException for cuts out of order or range, a horizon below 1 or maxHistory below 1
     */
    public static double[][] forecastFrom(double[] values, int[] cuts, int season, int horizon, int maxHistory) {
        return forecastFrom(values, cuts, season, horizon, maxHistory, REUSE_FRACTION);
    }

    /**
     * As {@link #forecastFrom(double[], int[], int, int, int)}, a full search's choice reused while
     * the cuts since its own are at most {@code fraction} of its history's length on (0: the full
     * search at every cut).
     */
    static double[][] forecastFrom(double[] values, int[] cuts, int season, int horizon, int maxHistory,
            double fraction) {
        AdjustedHistory.checkCuts(values, cuts, maxHistory);
        WarmStart warm = new WarmStart();
        // the reused fits' one-lane searches, by scale and model: their lanes are allocated once
        Search[][] searches = new Search[2][Model.values().length];
        double[][] out = new double[cuts.length][];
        int searchedCut = 0;
        int searchedLength = 0;
        for (int c = 0; c < cuts.length; c++) {
            double[] history = Arrays.copyOfRange(values, Math.max(0, cuts[c] - maxHistory), cuts[c]);
            if (c == cuts.length - 1) {
                out[c] = forecast(history, season, horizon); // today's: the full search, as forecast() alone
                continue;
            }
            boolean recent = fraction > 0 && cuts[c] - searchedCut <= fraction * searchedLength;
            out[c] = recent ? reuse(history, season, horizon, warm.chosen, searches) : null;
            if (out[c] == null) {
                out[c] = forecast(history, season, horizon, warm);
                searchedCut = cuts[c];
                searchedLength = history.length;
            }
        }
        return out;
    }

    /**
     * The fewest points the seasonal models are fitted to: {@code m + 5}, where ETS(A,N,A)'s AICc
     * becomes finite ({@code k = m + 3 < n - 1}); the larger models join as their AICc does. Measured
     * on 5,810 histories of {@code m + 4} to {@code 2m + 1} points of the test series (forecasting two
     * seasons): mean MASE 1.22 (seasonal naive at {@code m + 4}), seasonal naive 1.29, {@link
     * DampedTrend} 9.4 (it sees no seasonality in two seasons or less: it was the fallback below
     * {@code 2m + 2} points at first); at every length the fit is at least as good as seasonal naive
     * (at {@code m + 4} ETS(A,N,A) from R's infinite AICc would be 1.39 against 1.41).
     */
    static int minLength(int season) {
        return season + 5;
    }

    /**
     * Fits the three models to {@code y} (scaled and centred, at least {@link #minLength} points)
     * and returns the one with the least AICc, as R's {@code ets} computes it: {@code n log(SSE) + 2
     * k + 2 k (k + 1) / (n - k - 1)} with {@code k} from {@link Model#parameters}.
     */
    static Fit select(double[] y, int season) {
        Fit[] fits = new Fit[Model.values().length];
        for (Model model : Model.values()) {
            if (fitted(model, y.length, season)) {
                fits[model.ordinal()] = fit(y, season, model);
            }
        }
        return leastAicc(fits, y.length, season);
    }

    /** Whether {@code model}'s AICc is finite on {@code n} points: else it is not fitted. */
    private static boolean fitted(Model model, int n, int season) {
        return model.parameters(season) < n - 1;
    }

    /** The fit of the least AICc. */
    private static Fit leastAicc(Fit[] fits, int n, int season) {
        Fit best = null;
        double bestCriterion = Double.POSITIVE_INFINITY;
        for (Fit fit : fits) {
            if (fit == null) {
                continue;
            }
            double criterion = criterion(fit, n, season);
            if (best == null || criterion < bestCriterion) {
                best = fit;
                bestCriterion = criterion;
            }
        }
        return best;
    }

    /** R's AICc for additive errors, {@code +Infinity} when {@code k >= n - 1}. */
    static double aicc(double sse, int n, int k) {
        if (k >= n - 1) {
            return Double.POSITIVE_INFINITY;
        }
        return n * Math.log(sse) + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    /** Fits {@code model} to {@code y} (scaled and centred; more than {@code m + 1} points) with season {@code m}. */
    static Fit fit(double[] y, int season, Model model) {
        return fit(y, season, model, gridSizes(model), STARTS, REFINEMENTS);
    }

    /**
     * Fits with a given search: a grid of {@code grid[a]} values of each coordinate, then {@code
     * refinements} stencils around each of {@code starts} starts (the best grid point, then the
     * best ones in other basins).
     */
    static Fit fit(double[] y, int season, Model model, int[] grid, int starts, int refinements) {
        return fullSearch(y, season, model, grid, starts, refinements).fit();
    }

    private static Search fullSearch(double[] y, int season, Model model, int[] grid, int starts, int refinements) {
        Search search = new Search(y, season, model);
        search.grid(grid, starts);
        search.refine(refinements);
        return search;
    }

    /**
     * The state carried from one rolling origin to the next, older to newer, so no cut sees a later
     * point: per model, the previous fit's search point, its squared one-step error per point (in
     * the data's units), and the best grid points away from the optimum of the last full search
     * (other basins).
     *
     * <p>The rule, as {@link DampedTrend.WarmStart}'s: each model gets {@value #WARM_PASSES}
     * stencils from the previous point (steps {@value #WARM_STEP_FRACTION} of the full search's
     * first ones), whose first pass also tries the previous point itself and the {@value #PROBES}
     * remembered grid points. It gets the full search instead, keeping the better of the two, when
     * the optimum may lie elsewhere: the first cut; the local search's best point more than one
     * first step from the start (travelling, or a probe won); or its squared error per point more
     * than {@value #FALLBACK_MARGIN} (relative) above the previous cut's. The log scale's fits have
     * a warm start of their own ({@link #logScale}). Measured on the selector's schedules (horizon
     * 12) over the seasonal series of the tests, each cut seeing its last 240 points: 22% of fits
     * get the full search, 87 trials a fit against 184 for the full search alone; the warm fit's
     * squared error is within 1e-3 of the full search's at 99.3% of fits and within 0.8% at all,
     * below it at 26% (the previous cut's optimum is often a better start than the grid). With
     * 5% instead of 2% for the margin, or three passes, fewer fits stay within 1e-3 (98.9%).
     */
    static final class WarmStart {

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
        private WarmStart logScale;

        WarmStart logScale() {
            if (logScale == null) {
                logScale = new WarmStart();
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
            Search search = null;
            double error = Double.NaN;
            boolean full = point[index] == null;
            if (!full) {
                search = new Search(y, season, model);
                search.startAt(point[index], WARM_STEP_FRACTION, probes[index]);
                search.refine(WARM_PASSES);
                error = errorPerPoint(search.bestSse(), y.length, exponent);
                full = search.moved() > 1 || !(error <= errorPerPoint[index] * (1 + FALLBACK_MARGIN));
            }
            if (full) {
                Search cold = fullSearch(y, season, model, gridSizes(model), STARTS, REFINEMENTS);
                double coldError = errorPerPoint(cold.bestSse(), y.length, exponent);
                probes[index] = cold.distantGridMinima(PROBES);
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
    private static boolean admissible(double alpha, double beta, double gamma, double phi, int season, boolean trend,
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

    /**
     * The search over the model's coordinates in [0, 1]: a grid, then stencils refined around one
     * or more starts at once (their trials share the lanes' runs).
     */
    private static final class Search {
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

        Search(double[] y, int season, Model model) {
            // two starts' stencils and predicted points, or a warm start's with its extra points
            this(y, season, model, Math.max(STARTS * (QuadraticStencil.crossOffsets(model.dimensions()).length + 1),
                    QuadraticStencil.crossOffsets(model.dimensions()).length + 2 + PROBES));
        }

        /** A search of at most {@code capacity} trials a run. */
        Search(double[] y, int season, Model model, int capacity) {
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
            starts = chosen.toArray(new Start[0]);
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
            int stencil = offsets.length;
            double[] values = new double[stencil];
            for (int pass = 0; pass < passes; pass++) {
                int count = 0;
                for (Start start : starts) {
                    start.centre = new double[d];
                    for (int a = 0; a < d; a++) {
                        start.centre[a] = Math.max(start.step[a], Math.min(1 - start.step[a], start.best[a]));
                    }
                    start.first = count;
                    for (int index = 0; index < stencil; index++) {
                        double[] point = new double[d];
                        for (int a = 0; a < d; a++) {
                            point[a] = start.centre[a] + offsets[index][a] * start.step[a];
                        }
                        points[count++] = point;
                    }
                    if (start.predicted != null) {
                        points[count++] = start.predicted;
                    }
                    if (pass == 0) {
                        for (double[] point : start.extra) {
                            points[count++] = point.clone();
                        }
                    }
                    start.end = count;
                }
                run(count);
                for (Start start : starts) {
                    boolean improved = false;
                    for (int k = start.first; k < start.end; k++) {
                        if (feasible[k] && lanes.sse(k) < start.bestSse) {
                            start.bestSse = lanes.sse(k);
                            System.arraycopy(points[k], 0, start.best, 0, d);
                            start.bestChange = lanes.initialStateChange(k);
                            improved = true;
                        }
                    }
                    if (pass == passes - 1) {
                        continue;
                    }
                    boolean usable = true;
                    for (int index = 0; index < stencil; index++) {
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
            return admissible(params[0], params[1], params[2], params[3], season, model.trend, admissibleScratch,
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

    /** Runs the model over {@code y} from the given initial state: the fit with its final state and squared error. */
    static Fit run(double[] y, Model model, double alpha, double beta, double gamma, double phi, double level0,
            double trend0, double[] seasonal0) {
        int m = seasonal0.length;
        double[] seasonal = seasonal0.clone();
        double level = level0;
        double trend = trend0;
        double sse = 0;
        for (int t = 0; t < y.length; t++) {
            int phase = t % m;
            double damped = phi * trend;
            double forecast = level + damped;
            double e = y[t] - forecast - seasonal[phase];
            sse += e * e;
            level = forecast + alpha * e;
            trend = damped + beta * e;
            seasonal[phase] += gamma * e;
        }
        return new Fit(model, alpha, beta, gamma, phi, level0, trend0, seasonal0.clone(), level, trend, seasonal, sse, 0);
    }
}
