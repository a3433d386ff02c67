package io.seqcast.training;

import io.seqcast.nn.SeqToOneModel;
import io.seqcast.registry.ModelManifest;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.Seasonality;
import io.seqcast.series.SeriesData;
import io.seqcast.series.metrics.Baselines;
import io.seqcast.series.stats.Autoregression;
import io.seqcast.series.stats.DampedTrend;
import io.seqcast.series.stats.MultiSeasonal;
import io.seqcast.series.stats.SeasonalSmoothing;
import io.seqcast.series.stats.Theta;
import io.seqcast.tensor.Cancellation;
import io.seqcast.tensor.ComputeContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a model against the series it is about to forecast before answering: on rolling origins of
 * each series' own history, the model and the classic methods forecast what followed, and the
 * forecaster that erred least answers for that series; its errors there calibrate the prediction
 * intervals. A model selected per series on rolling origins beats any fixed choice (M4), a series
 * on which seasonal naive or Theta did better in the recent past gets their forecast instead of the
 * model's, and intervals calibrated on a series' own errors at many origins cover what they claim
 * far better than one validation period pooled over a training set (docs/accuracy.md).
 *
 * <p>Candidates, in order of preference on a tie: {@code model+theta+damped} and {@code model+theta}
 * (step-wise means: ensembles are the cheapest large gain in every forecasting competition),
 * {@code model}, {@code theta} ({@link Theta}, R's thetaf), {@code damped-trend} ({@link DampedTrend},
 * exponential smoothing with a damped trend on the seasonally adjusted series), {@code autoregression}
 * ({@link Autoregression}, R's ar(): cycles that are not seasons), {@code seasonal-naive} (naive
 * when not seasonal) and, for a season of 2 to {@value SeasonalSmoothing#MAX_SEASON} (R's limit for
 * ets; longer seasons would get damped trend again), {@code seasonal-smoothing} ({@link
 * SeasonalSmoothing}, Holt-Winters with a season that evolves, as R's ets; last on a tie, as the
 * costliest to fit); for a series whose data show a cycle longer than its season ({@link
 * Seasonality#periods}: the week of half-hourly data, the year of daily data), also {@code
 * seasonal-naive-long} (seasonal naive at the longest cycle) and {@code multi-seasonal} ({@link
 * MultiSeasonal} with the season and the longer cycles, on at most {@value #MULTI_SEASONAL_CYCLES}
 * of the longest cycles and {@value #MAX_MULTI_SEASONAL_HISTORY} points). With {@link Policy#MODEL} only the model competes (its intervals are
 * still calibrated on the origins); with {@link Policy#OFF} there is no check at all (the model's
 * forecast, the model card's intervals, {@link Prediction#selection()} {@code null}). The score is the
 * mean absolute error over every origin and step.
 *
 * <p>Origins ({@link #origins}): oldest first, {@code ceil(horizon / 6)} points apart, at most
 * {@code maxOrigins} (fewer when a call's series would together pass {@code maxRows}), none with less history than two seasons (and 8 points); the last leaves
 * {@code horizon} points after it, or moves later for a short series (scored on the steps that are
 * known), none right after a missing value and none without an observed value to score ({@link #usable}). The model forecasts all
 * origins of all series in the same batched pass as today's
 * forecasts. A series with fewer than {@link #MIN_ORIGINS} origins gets the model's forecast with
 * the model card's intervals.
 *
 * <p>Intervals: the signed error at origin {@code o} and step {@code k} is divided by the series'
 * local scale at {@code o} (the mean absolute seasonal difference of the points before it), so a
 * series that grew does not calibrate today's width with yesterday's smaller errors, and by a spread
 * {@code a (k + 1)^b} fitted to the errors per step ({@link #spread}); the pooled ratios' conformal
 * quantiles at {@code 50 ± level/2} percent ({@link #conformalQuantile}), times the step's spread
 * and today's local scale, are the distances below and above the forecast. Each step's interval is
 * then widened to the model card's, around the same forecast, when that is wider ({@link #wider}).
 * (Widening further, to take in the forecast of every candidate that erred at most twice as much,
 * over-covered on 108 held-out windows: 80% intervals covered 0.84; see docs/accuracy.md.)
 * Series with no negative value get no negative forecast or bound. Thread-safe; the per-series work
 * runs on the compute pool and checks the caller's {@link Cancellation} between series.
 */
public final class RollingOriginSelector {

    /** Which forecasters compete. */
    public enum Policy {
        /**
         * every candidate ({@link #CANDIDATES}; without seasonal smoothing for a series without a season, without
         * the longer cycles' two for a series without a longer cycle)
         */
        BEST,
        /** the model alone (its intervals still calibrated on the series' origins) */
        MODEL,
        /** no check: the model's forecast with its model card's intervals (the cheapest; no origins) */
        OFF;

        public static Policy parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("unknown selection '" + text + "'; expected best, model or off");
            }
        }
    }

    /** Fewest rolling origins that can score candidates and calibrate intervals. */
    public static final int MIN_ORIGINS = 3;

    /** Statistical candidates see at most this many recent points (their cost per origin stays bounded). */
    static final int MAX_BASELINE_HISTORY = 1_000;

    /**
     * Seasonal smoothing sees at most this many recent seasons: its evolving season forgets older years
     * anyway, and a fit costs in proportion (on 108 held-out windows, relMASE 0.003 better than 1,000
     * points; 0.01 worse on the last windows alone).
     */
    static final int SEASONAL_HISTORY_SEASONS = 20;

    static final String MODEL = "model";
    static final String ENSEMBLE = "model+theta+damped";
    static final String COMBINED = "model+theta";
    static final String THETA = "theta";
    static final String DAMPED = "damped-trend";
    static final String SEASONAL = "seasonal-smoothing";
    static final String AUTOREGRESSION = "autoregression";
    static final String SEASONAL_NAIVE = "seasonal-naive";
    static final String SEASONAL_NAIVE_LONG = "seasonal-naive-long";
    static final String MULTI_SEASONAL = "multi-seasonal";

    /** Every candidate of {@link Policy#BEST}, in order of preference on a tie. */
    static final List<String> CANDIDATES = List.of(ENSEMBLE, COMBINED, MODEL, THETA, DAMPED, AUTOREGRESSION,
            SEASONAL_NAIVE, SEASONAL, SEASONAL_NAIVE_LONG, MULTI_SEASONAL);

    /** The candidates only a series with a cycle longer than its season gets. */
    static final List<String> LONGER_CYCLE_CANDIDATES = List.of(SEASONAL_NAIVE_LONG, MULTI_SEASONAL);

    /**
     * Multi-seasonal sees at most this many of the longest cycle: its profiles weigh older cycles less anyway,
     * and its cost grows only linearly (MultipleSeasonalitiesTest's half-hourly week: MASE 0.78 with all
     * 7 weeks, 0.85 with the last 4).
     */
    static final int MULTI_SEASONAL_CYCLES = 8;

    /** ... and at most this many points (bounds its cost per origin for long cycles of fine data). */
    static final int MAX_MULTI_SEASONAL_HISTORY = 5_000;

    private final ComputeContext compute;
    private final Predictor predictor;
    private final GapFiller gapFiller;
    private final int maxOrigins;
    private final int maxRows;
    /**
     * {@link #CANDIDATES} without the excluded ones and the longer cycles' ones, the same without seasonal
     * smoothing, and the longer cycles' ones not excluded.
     */
    private final List<String> candidates;
    private final List<String> nonSeasonalCandidates;
    private final List<String> longerCycleCandidates;

    /** As {@link #RollingOriginSelector(ComputeContext, GapFiller, int, int)} without a request-wide bound. */
    public RollingOriginSelector(ComputeContext compute, GapFiller gapFiller, int maxOrigins) {
        this(compute, gapFiller, maxOrigins, Integer.MAX_VALUE);
    }

    /**
     * @param maxOrigins most rolling origins per series, {@code >= MIN_ORIGINS}
     * @param maxRows most model rows for the origins of one call, a row counting once per model pass
     *     ({@code ceil(horizon / model horizon)}): many series or a long horizon get fewer origins per
     *     series (at least {@link #MIN_ORIGINS}), so the cost stays bounded
     */
    public RollingOriginSelector(ComputeContext compute, GapFiller gapFiller, int maxOrigins, int maxRows) {
        this(compute, gapFiller, maxOrigins, maxRows, List.of());
    }

    /**
     * @param excluded candidates that never compete under {@link Policy#BEST} (names of {@link #CANDIDATES};
     *     at least one must remain): a cost lever, as a fit per origin is what the check costs, seasonal
     *     smoothing's most (docs/benchmarks.md). Fits that no remaining candidate uses are skipped.
     */
    public RollingOriginSelector(ComputeContext compute, GapFiller gapFiller, int maxOrigins, int maxRows,
                                 Collection<String> excluded) {
        for (String name : excluded) {
            if (!CANDIDATES.contains(name)) {
                throw new IllegalArgumentException("cannot exclude '" + name + "' from the check: the candidates are "
                        + String.join(", ", CANDIDATES));
            }
        }
        this.candidates = CANDIDATES.stream()
                .filter(c -> !excluded.contains(c) && !LONGER_CYCLE_CANDIDATES.contains(c)).toList();
        this.longerCycleCandidates = LONGER_CYCLE_CANDIDATES.stream().filter(c -> !excluded.contains(c)).toList();
        this.nonSeasonalCandidates = candidates.stream().filter(c -> !c.equals(SEASONAL)).toList();
        if (nonSeasonalCandidates.isEmpty()) {
            throw new IllegalArgumentException("cannot exclude " + excluded + " from the check: a series without a "
                    + "season would have no candidate left");
        }
        if (maxOrigins < MIN_ORIGINS) {
            throw new IllegalArgumentException("maxOrigins must be at least " + MIN_ORIGINS + " but was " + maxOrigins);
        }
        this.maxRows = maxRows;
        this.compute = compute;
        this.predictor = new Predictor(compute, gapFiller);
        this.gapFiller = gapFiller;
        this.maxOrigins = maxOrigins;
    }

    /**
     * As {@link Predictor#predict(SeqToOneModel, ModelManifest, List, int, List, Frequency)}, with each
     * series' forecaster chosen and its intervals calibrated on the series' own rolling origins.
     */
    public List<Prediction> predict(SeqToOneModel network, ModelManifest manifest, List<SeriesData> series,
                                    int horizon, List<Double> levels, Frequency requestFrequency, Policy policy) {
        int count = series.size();
        if (policy == Policy.OFF) {
            return predictor.predict(network, manifest, series, horizon, levels, requestFrequency);
        }
        // A row costs one model pass per modelHorizon steps: a long horizon gets fewer origins.
        int modelHorizon = manifest.architecture().horizon();
        long passes = (horizon + modelHorizon - 1) / modelHorizon;
        int perSeries = (int) Math.max(MIN_ORIGINS, Math.min(maxOrigins, maxRows / (count * passes)));
        double[][] filled = new double[count][];
        int[] seasons = new int[count];
        int[][] origins = new int[count][];
        int[][] periods = new int[count][];
        Frequency modelFrequency = manifest.frequency() == null ? null : Frequency.parse(manifest.frequency());
        for (int i = 0; i < count; i++) {
            SeriesData s = series.get(i);
            filled[i] = gapFiller.fill(s.id(), s.values());
            seasons[i] = Predictor.season(manifest, s, filled[i], requestFrequency);
            Frequency frequency = Predictor.frequency(s, requestFrequency, modelFrequency);
            int season = seasons[i];
            // Only where the frequency implies a cycle longer than the season (not monthly data): the test costs O(n).
            boolean longer = policy == Policy.BEST && !longerCycleCandidates.isEmpty() && frequency != null
                    && Seasonality.candidates(frequency).stream().anyMatch(p -> p > season);
            periods[i] = longer ? withLongerCycles(season, Seasonality.periods(frequency, filled[i])) : new int[0];
            origins[i] = usable(origins(filled[i].length, horizon, seasons[i], perSeries), s.values(), horizon);
        }
        // The model's forecasts from every origin and from the end, in one batched pass.
        Predictor.WithOrigins model = predictor.predict(network, manifest, series, origins, horizon, levels,
                requestFrequency);

        Prediction[] out = new Prediction[count];
        int blocks = Math.min(count, compute.threads() * 4);
        compute.parallelFor(blocks, block -> {
            for (int i = block * count / blocks; i < (block + 1) * count / blocks; i++) {
                // A series' fits take up to tens of milliseconds: a cancelled request stops between series.
                Cancellation.checkCurrent();
                Prediction modelOnly = model.predictions().get(i);
                out[i] = origins[i].length < MIN_ORIGINS ? unchecked(modelOnly, filled[i])
                        : select(series.get(i), filled[i], seasons[i], periods[i], origins[i], model.fromOrigins()[i],
                                modelOnly, horizon, levels, policy);
            }
        });
        return List.of(out);
    }

    /**
     * The model's forecast with its model card's intervals, for a series that cannot be checked (too
     * short, or nothing to score): clipped at 0 like every checked answer when the series has no
     * negative value.
     */
    private static Prediction unchecked(Prediction modelOnly, double[] filled) {
        boolean nonNegative = Arrays.stream(filled).allMatch(v -> v >= 0);
        List<Prediction.Interval> intervals = new ArrayList<>(modelOnly.intervals().size());
        for (Prediction.Interval interval : modelOnly.intervals()) {
            intervals.add(new Prediction.Interval(interval.level(), clip(interval.lower(), nonNegative),
                    clip(interval.upper(), nonNegative)));
        }
        return new Prediction(modelOnly.id(), clip(modelOnly.mean(), nonNegative), intervals,
                modelOnly.extendedFrom(), modelOnly.paddedSteps(), new Prediction.Selection(MODEL, 0, Map.of()));
    }

    /**
     * The season and the longer of {@code periods}, ascending, when there is a longer one; else empty
     * (the series gets no longer cycles' candidates).
     */
    static int[] withLongerCycles(int season, List<Integer> periods) {
        int[] longer = periods.stream().mapToInt(Integer::intValue).filter(p -> p > season).toArray();
        if (longer.length == 0) {
            return longer;
        }
        return season > 1 ? java.util.stream.IntStream.concat(java.util.stream.IntStream.of(season),
                Arrays.stream(longer)).toArray() : longer;
    }

    /** @param periods the season and the longer cycles ({@link #withLongerCycles}), or empty */
    private Prediction select(SeriesData s, double[] filled, int season, int[] periods, int[] origins,
                              double[][] modelFrom, Prediction modelOnly, int horizon, List<Double> levels,
                              Policy policy) {
        boolean nonNegative = Arrays.stream(filled).allMatch(v -> v >= 0);
        List<String> names = policy == Policy.MODEL ? List.of(MODEL)
                : season > 1 && season <= SeasonalSmoothing.MAX_SEASON ? candidates : nonSeasonalCandidates;
        if (periods.length > 0) {
            names = java.util.stream.Stream.concat(names.stream(), longerCycleCandidates.stream()).toList();
        }
        int longest = periods.length > 0 ? periods[periods.length - 1] : 1;
        // forecasts[candidate][cut][step]: a cut per origin, then the end of the series (today).
        int[] cuts = Arrays.copyOf(origins, origins.length + 1);
        cuts[origins.length] = filled.length;
        double[][][] forecasts = new double[names.size()][cuts.length][];
        // Each cut's fits see only recent(filled, cut); damped trend warm-starts from the previous (older) cut's fit.
        // Only the fits some competing candidate uses.
        boolean useTheta = names.contains(THETA) || names.contains(COMBINED) || names.contains(ENSEMBLE);
        boolean useDamped = names.contains(DAMPED) || names.contains(ENSEMBLE);
        boolean useAutoregression = names.contains(AUTOREGRESSION);
        double[][] thetaFrom = useTheta ? Theta.forecastFrom(filled, cuts, season, horizon, MAX_BASELINE_HISTORY) : null;
        double[][] dampedFrom = useDamped
                ? DampedTrend.forecastFrom(filled, cuts, season, horizon, MAX_BASELINE_HISTORY) : null;
        double[][] seasonalFrom = names.contains(SEASONAL)
                ? SeasonalSmoothing.forecastFrom(filled, cuts, season, horizon,
                        Math.min(MAX_BASELINE_HISTORY, SEASONAL_HISTORY_SEASONS * season)) : null;
        double[][] multiSeasonalFrom = names.contains(MULTI_SEASONAL) ? MultiSeasonal.forecastFrom(filled, cuts,
                periods, horizon, Math.min(MAX_MULTI_SEASONAL_HISTORY, MULTI_SEASONAL_CYCLES * longest)) : null;
        for (int c = 0; c < cuts.length; c++) {
            double[] history = recent(filled, cuts[c]);
            double[] m = clip(c < origins.length ? modelFrom[c] : modelOnly.mean(), nonNegative);
            double[] theta = useTheta ? clip(thetaFrom[c], nonNegative) : null;
            double[] damped = useDamped ? clip(dampedFrom[c], nonNegative) : null;
            double[] autoregression = useAutoregression
                    ? clip(Autoregression.forecast(history, season, horizon), nonNegative) : null;
            for (int j = 0; j < names.size(); j++) {
                forecasts[j][c] = switch (names.get(j)) {
                    case MODEL -> m;
                    case ENSEMBLE -> average(m, theta, damped);
                    case COMBINED -> average(m, theta);
                    case THETA -> theta;
                    case DAMPED -> damped;
                    case SEASONAL -> clip(seasonalFrom[c], nonNegative);
                    case AUTOREGRESSION -> autoregression;
                    case MULTI_SEASONAL -> clip(multiSeasonalFrom[c], nonNegative);
                    case SEASONAL_NAIVE_LONG -> Baselines.seasonalNaive(
                            Arrays.copyOfRange(filled, Math.max(0, cuts[c] - longest), cuts[c]), longest, horizon);
                    default -> Baselines.seasonalNaive(history, season, horizon);
                };
            }
        }

        double scale = inSampleScale(filled, season);
        Map<String, Double> mase = new LinkedHashMap<>();
        int best = 0;
        double bestError = Double.POSITIVE_INFINITY;
        double[] errors = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            // Scaled before summing: values near the double range do not overflow the sum.
            double error = meanAbsoluteError(s.values(), cuts, forecasts[j], scale);
            errors[j] = error;
            mase.put(names.get(j), error);
            if (error < bestError) {
                bestError = error;
                best = j;
            }
        }
        if (!Double.isFinite(bestError)) {
            return unchecked(modelOnly, filled);
        }
        double[] mean = forecasts[best][origins.length];
        List<Prediction.Interval> intervals = calibrate(s.values(), filled, season, cuts, forecasts[best], mean,
                levels, nonNegative);
        intervals = wider(intervals, modelOnly.intervals(), mean, nonNegative);
        // Only a forecast that uses the model can have been extended recursively beyond its horizon.
        int extendedFrom = names.get(best).startsWith(MODEL) ? modelOnly.extendedFrom() : 0;
        return new Prediction(s.id(), mean, intervals, extendedFrom, modelOnly.paddedSteps(),
                new Prediction.Selection(names.get(best), origins.length, finite(mase)));
    }

    /**
     * The rolling origins of a series of {@code length} points, oldest first, {@code ceil(horizon / 6)}
     * apart, none before {@link #minHistory}: the last leaves {@code horizon} points after it, or, when
     * that leaves fewer than {@link #MIN_ORIGINS} origins, moves later (its forecast is then scored on
     * the steps that are known) so a short series still gets checked.
     */
    static int[] origins(int length, int horizon, int season, int maxOrigins) {
        int first = minHistory(season);
        int stride = (horizon + 5) / 6;
        int last = Math.min(length - 1, Math.max(length - horizon, first + (MIN_ORIGINS - 1) * stride));
        if (last < first) {
            return new int[0];
        }
        int count = Math.min(maxOrigins, (last - first) / stride + 1);
        int[] origins = new int[count];
        for (int j = 0; j < count; j++) {
            origins[j] = last - stride * (count - 1 - j);
        }
        return origins;
    }

    /**
     * The origins whose previous value was observed and that have an observed value to be scored on
     * within the horizon. The series is gap-filled once, whole; an interior gap is interpolated
     * between its neighbours, so a gap running up to an origin would be filled from a value after it.
     * Dropping such origins keeps every origin's history free of its future.
     */
    static int[] usable(int[] origins, double[] values, int horizon) {
        return Arrays.stream(origins).filter(o -> !Double.isNaN(values[o - 1]) && anyObserved(values, o, horizon))
                .toArray();
    }

    private static boolean anyObserved(double[] values, int from, int horizon) {
        for (int t = from; t < Math.min(values.length, from + horizon); t++) {
            if (!Double.isNaN(values[t])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fewest points before an origin: two seasons (seasonal naive and Theta's seasonal test need them),
     * at least 8. The model pads a history shorter than its window, as it does for a short series.
     */
    static int minHistory(int season) {
        return Math.max(8, 2 * season);
    }

    /** The points before {@code cut}, at most the last {@link #MAX_BASELINE_HISTORY}. */
    private static double[] recent(double[] filled, int cut) {
        return Arrays.copyOfRange(filled, Math.max(0, cut - MAX_BASELINE_HISTORY), cut);
    }

    private static double[] clip(double[] forecast, boolean nonNegative) {
        if (!nonNegative) {
            return forecast;
        }
        double[] out = forecast.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.max(0, out[k]);
        }
        return out;
    }

    /** The step-wise mean of equally long forecasts. */
    private static double[] average(double[]... forecasts) {
        double[] out = new double[forecasts[0].length];
        for (double[] f : forecasts) {
            for (int k = 0; k < out.length; k++) {
                out[k] += f[k] / forecasts.length;
            }
        }
        return out;
    }

    /** Over every origin and step with an observed actual value, each error divided by {@code scale}. */
    private static double meanAbsoluteError(double[] values, int[] cuts, double[][] forecasts, double scale) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < cuts.length - 1; c++) {
            for (int k = 0; k < forecasts[c].length && cuts[c] + k < values.length; k++) {
                double actual = values[cuts[c] + k];
                if (!Double.isNaN(actual)) {
                    sum += Math.abs(actual - forecasts[c][k]) / scale;
                    n++;
                }
            }
        }
        return n == 0 ? Double.POSITIVE_INFINITY : sum / n;
    }

    /**
     * The conformal intervals described in the class comment, around {@code mean} (today's forecast)
     * from the candidate's errors at the origins.
     */
    private static List<Prediction.Interval> calibrate(double[] values, double[] filled, int season, int[] cuts,
                                                       double[][] forecasts, double[] mean, List<Double> levels,
                                                       boolean nonNegative) {
        int origins = cuts.length - 1;
        int horizon = mean.length;
        double[][] scaled = new double[horizon][origins];
        double[][] signed = new double[horizon][origins];
        int[] observed = new int[horizon];
        for (int c = 0; c < origins; c++) {
            double local = localScale(filled, cuts[c], season);
            if (!(local > 0)) {
                // A constant history has no scale to express this origin's errors in: left out.
                continue;
            }
            for (int k = 0; k < horizon && cuts[c] + k < values.length; k++) {
                double actual = values[cuts[c] + k];
                if (!Double.isNaN(actual)) {
                    signed[k][observed[k]] = (actual - forecasts[c][k]) / local;
                    scaled[k][observed[k]++] = Math.abs(actual - forecasts[c][k]) / local;
                }
            }
        }
        double[] spread = spread(scaled, observed);
        int n = 0;
        for (int k = 0; k < horizon; k++) {
            n += observed[k];
        }
        double[] pool = new double[n];
        for (int k = 0, at = 0; k < horizon; k++) {
            for (int j = 0; j < observed[k]; j++) {
                pool[at++] = spread[k] > 0 ? signed[k][j] / spread[k] : 0;
            }
        }
        Arrays.sort(pool);
        double[] negated = negate(pool);
        double today = localScale(filled, filled.length, season);
        List<Prediction.Interval> intervals = new ArrayList<>(levels.size());
        for (double level : levels) {
            // Each tail gets half the miss rate: a forecast that erred low in the past gets more room above.
            double below = -conformalQuantile(negated, 50 + level / 2);
            double above = conformalQuantile(pool, 50 + level / 2);
            double[] lower = new double[horizon];
            double[] upper = new double[horizon];
            for (int k = 0; k < horizon; k++) {
                double low = mean[k] + below * spread[k] * today;
                lower[k] = nonNegative ? Math.max(0, low) : low;
                upper[k] = mean[k] + above * spread[k] * today;
            }
            intervals.add(new Prediction.Interval(level, lower, upper));
        }
        return intervals;
    }

    /**
     * Per step, the wider of the series' own calibration and the model card's, both around
     * {@code mean}. The card holds the model's errors on many held-out windows of its training data
     * in units of each window's own scale: a floor, from many series, on how uncertain forecasting a
     * series like this one is, whichever forecaster answers. Each alone under-covers in its own way: a
     * series' own origins are few, correlated and, for a model fitted on that series, seen in training;
     * the card pools other series and one validation period.
     */
    private static List<Prediction.Interval> wider(List<Prediction.Interval> own, List<Prediction.Interval> card,
                                                   double[] mean, boolean nonNegative) {
        List<Prediction.Interval> out = new ArrayList<>(own.size());
        for (int l = 0; l < own.size(); l++) {
            Prediction.Interval mine = own.get(l);
            Prediction.Interval theirs = card.get(l);
            double[] lower = mine.lower().clone();
            double[] upper = mine.upper().clone();
            for (int k = 0; k < mean.length; k++) {
                double half = (theirs.upper()[k] - theirs.lower()[k]) / 2;
                if (!(half > 0) || !Double.isFinite(half)) {
                    continue;
                }
                double low = mean[k] - half;
                lower[k] = Math.min(lower[k], nonNegative ? Math.max(0, low) : low);
                upper[k] = Math.max(upper[k], mean[k] + half);
            }
            out.add(new Prediction.Interval(mine.level(), lower, upper));
        }
        return out;
    }

    private static double[] negate(double[] sorted) {
        double[] out = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            out[i] = -sorted[sorted.length - 1 - i];
        }
        return out;
    }

    /**
     * The spread of the scaled errors per step, smoothed as {@code a (k + 1)^b}: a least-squares line
     * through {@code log rms_k} against {@code log(k + 1)}, the slope clamped to {@code [0, 1]} (errors
     * do not shrink with the horizon, and grow at most linearly).
     */
    static double[] spread(double[][] scaled, int[] observed) {
        int horizon = scaled.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int k = 0; k < horizon; k++) {
            double squares = 0;
            for (int j = 0; j < observed[k]; j++) {
                squares += scaled[k][j] * scaled[k][j];
            }
            if (observed[k] == 0 || squares == 0) {
                continue;
            }
            double x = Math.log(k + 1.0);
            double y = 0.5 * Math.log(squares / observed[k]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }
        double[] spread = new double[horizon];
        if (n == 0) {
            return spread;
        }
        double denominator = n * sxx - sx * sx;
        double slope = n > 1 && denominator > 1e-12 ? (n * sxy - sx * sy) / denominator : 0;
        slope = Math.max(0, Math.min(1, slope));
        double intercept = (sy - slope * sx) / n;
        for (int k = 0; k < horizon; k++) {
            spread[k] = Math.exp(intercept + slope * Math.log(k + 1.0));
        }
        return spread;
    }

    /**
     * The mean absolute seasonal difference (lag 1 when not seasonal) of the last
     * {@code max(3 seasons, 24)} points before {@code cut}; the whole history's when that is 0, and 0
     * when the history is constant (no scale: the caller leaves such an origin out, and today's
     * own-calibrated width is then 0, leaving the model card's).
     */
    static double localScale(double[] filled, int cut, int season) {
        int lag = season > 1 && cut > season ? season : 1;
        int from = Math.max(lag, cut - Math.max(3 * season, 24));
        double local = meanAbsoluteDifference(filled, from, cut, lag);
        if (local > 0 && Double.isFinite(local)) {
            return local;
        }
        double whole = meanAbsoluteDifference(filled, lag, cut, lag);
        return whole > 0 && Double.isFinite(whole) ? whole : 0;
    }

    private static double meanAbsoluteDifference(double[] values, int from, int to, int lag) {
        double sum = 0;
        int n = 0;
        for (int t = Math.max(from, lag); t < to; t++) {
            sum += Math.abs(values[t] - values[t - lag]);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The in-sample seasonal-naive MAE that MASE divides by (lag 1 when not seasonal or too short). */
    private static double inSampleScale(double[] filled, int season) {
        int lag = season > 1 && filled.length > season ? season : 1;
        double scale = meanAbsoluteDifference(filled, lag, filled.length, lag);
        return scale > 0 && Double.isFinite(scale) ? scale : 1;
    }

    /** The {@code ceil((n + 1) level / 100)}-th smallest, the largest when that rank passes {@code n}. */
    static double conformalQuantile(double[] sorted, double level) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        int rank = (int) Math.ceil((n + 1) * level / 100.0);
        return sorted[Math.min(n, Math.max(1, rank)) - 1];
    }

    private static Map<String, Double> finite(Map<String, Double> scores) {
        Map<String, Double> out = new LinkedHashMap<>();
        scores.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
