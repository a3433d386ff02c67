package io.seqcast.series.stats;

import java.util.Arrays;

/**
 * Holt-Winters exponential smoothing with an additive, evolving seasonal pattern: ETS(A,N,A),
 * ETS(A,A,A) and ETS(A,Ad,A) in Hyndman's taxonomy, fitted by least squares and chosen by AICc as
 * R's {@code ets(y, additive.only = TRUE)} chooses among these three. Where {@link Theta} and
 * {@link DampedTrend} divide out one seasonal pattern fixed by a classical decomposition, this one
 * lets the pattern drift with the data.
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
 * region ({@link SeasonalAdmissibility}; R's default {@code bounds = "both"}), and the initial
 * state, the seasonal states summing to 0, that minimise the sum of squared one-step errors (R's
 * {@code ets} with additive errors maximises {@code -n log(SSE) / 2}, the same optimum). The
 * initial state is solved exactly for every trial of the smoothing parameters ({@link
 * SeasonalLanes}); the smoothing parameters are searched by {@link SeasonalSearch}. The seams:
 * this class holds the equations, the scale and AICc choice; {@link SeasonalSearch} the optimiser,
 * {@link SeasonalAdmissibility} the stability test, {@link SeasonalWarmStart} and {@link
 * SeasonalRollingOrigins} the reuse from one rolling origin to the next.
 *
 * <p>Multiplicative seasonality, cheaply: for a history of positive values the same models are also
 * fitted to {@code log(y)} and their forecasts back-transformed with {@code exp} (the median of a
 * log-normal forecast, as R's {@code ets(lambda = 0)} without bias adjustment). The scale is chosen
 * by ETS(A,N,A)'s AICc on both (the log's with the Jacobian {@code 2 sum(log y)}, so both are
 * likelihoods of {@code y}), and the trend models are fitted on that scale only. How these choices
 * were measured (against R, against denser searches, MASE from rolling origins, cost) is in
 * docs/accuracy.md and docs/benchmarks.md ("Seasonal smoothing"), beside their commands.
 *
 * <p>Short and awkward series: a constant series gives that constant; no season ({@code m <= 1}),
 * a season above {@value #MAX_SEASON} (R's limit) or fewer points than one season give {@link
 * DampedTrend}'s forecast (its classical seasonal adjustment, if any); {@code m} to {@code m + 4}
 * points give seasonal naive (the last season again), and from {@link #minLength} ({@code m + 5})
 * on the models are fitted, each once its AICc is finite; values that are not finite are rejected
 * (the caller fills gaps).
 * Values are scaled by a power of two and measured from the first point, so 1e12 plus small
 * changes and values near {@code Double.MAX_VALUE} lose nothing to rounding or overflow. The input
 * is not modified. A trial of the smoothing parameters costs {@code O(n + m^3)}. Stateless and
 * thread-safe.
 */
public final class SeasonalSmoothing {

    /** R's bounds for the smoothing parameters in {@code ets}. */
    static final double MIN_SMOOTHING = DampedTrend.MIN_SMOOTHING;
    static final double MAX_SMOOTHING = DampedTrend.MAX_SMOOTHING;
    /** R's bounds for the damping parameter in {@code ets}. */
    static final double MIN_PHI = DampedTrend.MIN_PHI;
    static final double MAX_PHI = DampedTrend.MAX_PHI;

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

    /** Whether a positive history's logarithms are fitted too (see the class comment). */
    static final boolean LOG_CANDIDATES = true;

    /**
     * {@link #forecastFrom} reuses a full search's choice at later cuts while they lie at most this
     * share of its history's length after it (the trade of accuracy for cost: docs/accuracy.md).
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
    static double[] forecast(double[] history, int season, int horizon, SeasonalWarmStart warm) {
        return forecast(history, season, horizon, warm, LOG_CANDIDATES);
    }

    /**
     * As {@link #forecast(double[], int, int, SeasonalWarmStart)}; with {@code logCandidates}, a positive
     * history's logarithms are fitted too, and compete by AICc with the Jacobian of the log.
     */
    static double[] forecast(double[] history, int season, int horizon, SeasonalWarmStart warm,
            boolean logCandidates) {
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
    record Selection(double[] forecast, boolean log, Model model) {
    }

    /** How {@link #select} fits a model: to {@code y} on the log scale or not, scaled by {@code 2^-exponent}. */
    interface Fitter {
        Fit fit(double[] y, Model model, boolean log, int exponent);
    }

    /**
     * The forecast of the candidate with the least AICc, fitted by {@code fitter} to a history of at
     * least {@link #minLength} points, not constant: ETS(A,N,A), the cheapest, on both scales (the
     * log's only when {@code logCandidates} and the history is positive) decides the scale, then
     * the trend models are fitted on that one. Each fit lands in {@code fits[log ? 1 : 0][model]};
     * null when the fitter returns null for a model whose AICc is finite.
     */
    static Selection select(double[] history, int season, int horizon, boolean logCandidates, Fit[][] fits,
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

    static boolean positive(double[] history) {
        return Arrays.stream(history).allMatch(v -> v > 0);
    }

    /**
     * A full search's outcome at one cut ({@link #forecast(double[], int, int, SeasonalWarmStart)}): its
     * fits by scale (raw, log) and model, whether the history was positive (log candidates fitted),
     * and its length.
     */
    record Choice(Fit[][] fits, boolean log, Model model, boolean positive, int length) {
    }

    /**
     * {@code model}'s fit to {@code y}, warm-started from {@code warm} unless that is null; null
     * when its AICc is not finite on so few points.
     */
    private static Fit fit(double[] y, int season, Model model, SeasonalWarmStart warm, int exponent) {
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
     * warm-started from the previous full search ({@link SeasonalWarmStart}). The cuts in between reuse the
     * latest full search's fits: their smoothing parameters as they were, only the initial state
     * solved on the cut's own history (a trial a candidate instead of about 90-290), the scale and
     * model chosen by AICc among them as {@link #forecast} chooses; where that choice is not the
     * full search's (or the candidates differ: another set of models with a finite AICc, a history
     * positive where it was not or the other way round), the cut gets the full search instead.
     *
     * <p>The forecasts differ from {@link #forecast} at every cut only where a reused choice or a
     * warm start found another optimum (their accuracy: docs/accuracy.md).
     *
     * @param values finite values without gaps
     * @param cuts ascending (not necessarily distinct), each in {@code [1, values.length]}
     * @param maxHistory most points before a cut that its fit sees, at least 1
     * @return per cut, {@code horizon} finite values
     * @throws IllegalArgumentException for cuts out of order or range, a horizon below 1 or maxHistory below 1
     */
    public static double[][] forecastFrom(double[] values, int[] cuts, int season, int horizon, int maxHistory) {
        return SeasonalRollingOrigins.forecastFrom(values, cuts, season, horizon, maxHistory, REUSE_FRACTION);
    }

    /**
     * The fewest points the seasonal models are fitted to: {@code m + 5}, where ETS(A,N,A)'s AICc
     * becomes finite ({@code k = m + 3 < n - 1}); the larger models join as their AICc does. (Why
     * {@code m + 5} and not R's larger minimum: docs/accuracy.md.)
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
    static boolean fitted(Model model, int n, int season) {
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
        return fit(y, season, model, SeasonalSearch.gridSizes(model), SeasonalSearch.STARTS, SeasonalSearch.REFINEMENTS);
    }

    /**
     * Fits with a given search: a grid of {@code grid[a]} values of each coordinate, then {@code
     * refinements} stencils around each of {@code starts} starts (the best grid point, then the
     * best ones in other basins).
     */
    static Fit fit(double[] y, int season, Model model, int[] grid, int starts, int refinements) {
        return SeasonalSearch.full(y, season, model, grid, starts, refinements).fit();
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
