package io.seqcast.forecast;

import io.seqcast.registry.InferenceObserver;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.Seasonality;
import io.seqcast.series.SeriesData;
import io.seqcast.series.metrics.Baselines;
import io.seqcast.series.metrics.Metrics;
import io.seqcast.tensor.Cancellation;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.training.ModelFitter;
import io.seqcast.training.Prediction;
import io.seqcast.training.RollingOriginSelector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /backtest}: rolling-origin evaluation of a model (or of auto mode) on the request's
 * series, beside naive and seasonal naive on the same windows.
 *
 * <p>Origins: the last one leaves exactly {@code horizon} points after it, each earlier one is
 * {@code step} points before the next; an origin is the index of the first forecast point, and the
 * history is everything before it. Series of different lengths are aligned at their ends. For each
 * origin, the histories of all series go through {@link RollingOriginSelector} as in {@code POST /forecast}
 * (the model, per-series choice of forecaster and calibrated intervals, all from that history only);
 * in auto mode a model is first fitted on those histories only (one fit per origin, no point at or
 * after the origin is seen; each fit gets an equal share of {@code seqcast.forecast.backtest.auto-budget},
 * at most {@code seqcast.forecast.auto.budget}).
 *
 * <p>Per series: MAE, RMSE and sMAPE over every forecast point of every window; MASE as the mean over
 * windows of each window's MASE, scaled by the in-sample seasonal-naive MAE of that window's history;
 * interval coverage per level for the model only. Missing actual values ({@code null}) are left out of
 * the scores; the histories are gap-filled as in {@code POST /forecast}. The seasonal-naive season
 * comes from the frequency (request or timestamps), else from the autocorrelation of the history
 * before the first origin (so no window's baseline looks at its future). Thread-safe.
 */
@Service
public class BacktestService {

    /** Fewest points of history before the first origin (a model and MASE need 2). */
    public static final int MIN_HISTORY = 2;

    /** Fits a model on the histories before one origin; the seam a test uses to see what the fit saw. */
    @FunctionalInterface
    interface OriginFitter {
        AutoForecaster.Outcome fit(List<SeriesData> histories, int horizon, String frequencyCode, long startNanos,
                                   long budgetNanos, String[] fallbackReason);
    }

    private final ModelRegistry registry;
    private final ForecastProperties properties;
    private final GapFiller gapFiller = new GapFiller();
    private final RequestValidation validation;
    private final RollingOriginSelector selector;
    private final OriginFitter fitter;
    private final InferenceObserver inference;

    @Autowired
    public BacktestService(ModelRegistry registry, ComputeContext compute, ForecastProperties properties,
                           InferenceObserver inference) {
        this(registry, compute, properties, null, inference);
    }

    BacktestService(ModelRegistry registry, ComputeContext compute, ForecastProperties properties,
                    OriginFitter fitter, InferenceObserver inference) {
        this.registry = registry;
        this.inference = inference;
        this.properties = properties;
        this.validation = new RequestValidation(properties, gapFiller);
        this.selector = properties.selection().selector(compute, gapFiller);
        if (fitter == null) {
            AutoForecaster auto = new AutoForecaster(new ModelFitter(compute, gapFiller), registry, properties.auto());
            fitter = (histories, horizon, frequency, start, budget, reason) ->
                    auto.fit(histories, horizon, frequency, start, budget, false, reason);
        }
        this.fitter = fitter;
    }

    public ForecastProperties properties() {
        return properties;
    }

    public BacktestResult backtest(BacktestInput input) {
        int horizon = validation.horizon(input.horizon());
        ForecastProperties.Backtest limits = properties.backtest();
        String reference = input.model() == null || input.model().isBlank() ? properties.defaultModel()
                : input.model().trim();
        boolean auto = ForecastService.AUTO.equals(reference);
        int windows = windows(input.windows(), auto, limits);
        int step = step(input.step(), horizon);
        List<Double> levels = validation.levels(input.levels());
        validation.seriesCount(input.series());
        seriesWindows(input.series().size(), windows, limits);
        validation.answerSize(input.series().size(), horizon, levels.size(), windows);
        RollingOriginSelector.Policy policy = validation.selection(input.selection());
        Frequency frequency = RequestValidation.frequency(input.frequency());
        List<RequestValidation.Prepared> prepared = validation.series(input.series(), frequency);
        LoadedModel registered = auto ? null : registry.resolve(ModelReference.parse(reference));

        int count = prepared.size();
        int[][] origins = new int[count][windows];
        int[] seasons = new int[count];
        for (int i = 0; i < count; i++) {
            RequestValidation.Prepared p = prepared.get(i);
            SeriesData s = p.data();
            String at = "series[" + i + "]";
            long needed = MIN_HISTORY + (long) step * (windows - 1) + horizon;
            if (s.length() < needed) {
                throw new InvalidForecastRequestException(at + ".values", "series '" + s.id() + "' (" + at + ") has "
                        + s.length() + " points, too few for " + windows + " window(s) of horizon " + horizon
                        + " with step " + step + ": it needs at least " + MIN_HISTORY + " + " + step + " x "
                        + (windows - 1) + " + " + horizon + " = " + needed + " (" + MIN_HISTORY
                        + " points of history before the first origin)");
            }
            int last = s.length() - horizon;
            for (int k = 0; k < windows; k++) {
                origins[i][k] = last - step * (windows - 1 - k);
            }
            double[] firstHistory;
            try {
                firstHistory = gapFiller.fill(s.id(), Arrays.copyOf(s.values(), origins[i][0]));
            } catch (InvalidSeriesException e) {
                throw new InvalidForecastRequestException(at + ".values", "series '" + s.id() + "' (" + at
                        + "): the history before the first origin (index " + origins[i][0] + ") cannot be used: "
                        + e.getMessage());
            }
            if (!anyObserved(s.values(), origins[i][0], s.length())) {
                throw new InvalidForecastRequestException(at + ".values", "series '" + s.id() + "' (" + at
                        + ") has no observed value from the first origin (index " + origins[i][0]
                        + ") on: there is nothing to compare the forecasts with");
            }
            Frequency f = frequency != null ? frequency : p.axis() == null ? null : p.axis().frequency();
            seasons[i] = Seasonality.infer(firstHistory, f);
        }

        Accumulator[] model = new Accumulator[count];
        Accumulator[] naive = new Accumulator[count];
        Accumulator[] seasonal = new Accumulator[count];
        for (int i = 0; i < count; i++) {
            model[i] = new Accumulator(levels);
            naive[i] = new Accumulator(List.of());
            seasonal[i] = new Accumulator(List.of());
        }
        Set<String> warnings = new LinkedHashSet<>();
        long budgetNanos = auto ? Math.min(properties.auto().budget().toNanos(), limits.autoBudget().toNanos() / windows)
                : 0;
        int fits = 0;
        int fallbacks = 0;
        int stopped = 0;
        long autoNanos = 0;
        for (int k = 0; k < windows; k++) {
            Cancellation.checkCurrent(); // a deadline stops the work between windows (and between series within one)
            List<SeriesData> histories = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                histories.add(prefix(prepared.get(i).data(), origins[i][k]));
            }
            LoadedModel served = registered;
            if (auto) {
                long start = System.nanoTime();
                String[] reason = new String[1];
                AutoForecaster.Outcome outcome = fitter.fit(histories, horizon,
                        frequency == null ? null : frequency.code(), start, budgetNanos, reason);
                autoNanos += System.nanoTime() - start;
                if (outcome == null) {
                    fallbacks++;
                    served = registry.resolve(ModelReference.parse(properties.defaultModel()));
                    warnings.add("auto: at some origins the histories were too short for a model of their own ("
                            + reason[0] + "); the default model '" + served.label() + "' forecast there instead");
                } else {
                    fits++;
                    served = outcome.model();
                    if (outcome.fit() != null && outcome.fit().stoppedByBudget()) {
                        stopped++;
                    }
                }
            }
            validation.checkModel(served, horizon, histories, true, warnings);
            LoadedModel answering = served;
            List<List<Prediction>> result = new ArrayList<>(1);
            inference.observe(answering, histories.size(), () -> result.add(selector.predict(answering.model(),
                    answering.manifest(), histories, horizon, levels, frequency, policy)));
            List<Prediction> predictions = result.get(0);
            for (int i = 0; i < count; i++) {
                Prediction p = predictions.get(i);
                ForecastService.requireFinite(p);
                SeriesData s = prepared.get(i).data();
                int origin = origins[i][k];
                double[] history = gapFiller.fill(s.id(), histories.get(i).values());
                double[] actual = Arrays.copyOfRange(s.values(), origin, origin + horizon);
                model[i].add(actual, p.mean(), history, seasons[i], p.intervals());
                naive[i].add(actual, Baselines.naive(history, horizon), history, seasons[i], List.of());
                seasonal[i].add(actual, Baselines.seasonalNaive(history, seasons[i], horizon), history, seasons[i],
                        List.of());
            }
        }

        List<BacktestResult.SeriesBacktest> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(new BacktestResult.SeriesBacktest(prepared.get(i).data().id(), seasons[i], origins[i],
                    new BacktestResult.Comparison(model[i].scores(true), naive[i].scores(false),
                            seasonal[i].scores(false))));
        }
        BacktestResult.Comparison aggregate = new BacktestResult.Comparison(
                mean(results.stream().map(r -> r.metrics().model()).toList(), levels),
                mean(results.stream().map(r -> r.metrics().naive()).toList(), null),
                mean(results.stream().map(r -> r.metrics().seasonalNaive()).toList(), null));
        ForecastResult.ServedBy by = auto ? new ForecastResult.ServedBy(ForecastService.AUTO, 0, true)
                : new ForecastResult.ServedBy(registered.name(), registered.version(), false);
        BacktestResult.AutoFits autoFits = auto ? new BacktestResult.AutoFits(fits, fallbacks, stopped,
                budgetNanos / 1_000_000, autoNanos / 1_000_000) : null;
        return new BacktestResult(by, horizon, windows, step, results, aggregate, List.copyOf(warnings), autoFits);
    }

    private static int windows(Integer windows, boolean auto, ForecastProperties.Backtest limits) {
        if (windows == null) {
            return auto ? Math.min(limits.defaultWindows(), limits.maxAutoWindows()) : limits.defaultWindows();
        }
        int max = auto ? Math.min(limits.maxWindows(), limits.maxAutoWindows()) : limits.maxWindows();
        if (windows < 1 || windows > max) {
            throw new InvalidForecastRequestException("windows", "windows must be between 1 and " + max
                    + (auto ? " with \"model\": \"auto\" (one fit per window; seqcast.forecast.backtest.max-auto-windows)"
                    : " (seqcast.forecast.backtest.max-windows)") + " but was " + windows);
        }
        return windows;
    }

    /** Series x windows, each a forecast and a selection check of its own: over the limit is a 413. */
    private static void seriesWindows(int series, int windows, ForecastProperties.Backtest limits) {
        long forecasts = (long) series * windows;
        if (forecasts > limits.maxSeriesWindows()) {
            throw new ForecastLimitException("windows", series + " series x " + windows + " windows make " + forecasts
                    + " forecasts; at most " + limits.maxSeriesWindows() + " are accepted in one backtest "
                    + "(seqcast.forecast.backtest.max-series-windows): ask for fewer windows or send fewer series");
        }
    }

    private static int step(Integer step, int horizon) {
        if (step == null) {
            return horizon;
        }
        if (step < 1) {
            throw new InvalidForecastRequestException("step", "step must be a positive number of points between "
                    + "origins but was " + step);
        }
        return step;
    }

    private static boolean anyObserved(double[] values, int from, int to) {
        for (int j = from; j < to; j++) {
            if (!Double.isNaN(values[j])) {
                return true;
            }
        }
        return false;
    }

    private static SeriesData prefix(SeriesData s, int length) {
        return new SeriesData(s.id(), Arrays.copyOf(s.values(), length),
                s.timestamps() == null ? null : s.timestamps().subList(0, length));
    }

    /** The mean over series of each metric, leaving out series where it is {@code null}. */
    private static BacktestResult.Scores mean(List<BacktestResult.Scores> scores, List<Double> levels) {
        Map<Double, Double> coverage = null;
        if (levels != null) {
            coverage = new LinkedHashMap<>();
            for (double level : levels) {
                coverage.put(level, mean(scores.stream().map(s -> s.coverage().get(level)).toList()));
            }
        }
        return new BacktestResult.Scores(mean(scores.stream().map(BacktestResult.Scores::mae).toList()),
                mean(scores.stream().map(BacktestResult.Scores::rmse).toList()),
                mean(scores.stream().map(BacktestResult.Scores::smape).toList()),
                mean(scores.stream().map(BacktestResult.Scores::mase).toList()), coverage);
    }

    private static Double mean(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (Double v : values) {
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : finite(sum / n);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** One method's errors on one series, summed over windows; missing actual values left out. */
    private static final class Accumulator {
        private final List<Double> levels;
        private final int[] inside;
        private double absolute;
        private double squared;
        private double smape;
        private int points;
        private double mase;
        private int maseWindows;

        Accumulator(List<Double> levels) {
            this.levels = levels;
            this.inside = new int[levels.size()];
        }

        void add(double[] actual, double[] forecast, double[] history, int season, List<Prediction.Interval> intervals) {
            int[] observed = new int[actual.length];
            int m = 0;
            for (int j = 0; j < actual.length; j++) {
                if (!Double.isNaN(actual[j])) {
                    observed[m++] = j;
                }
            }
            if (m == 0) {
                return;
            }
            double[] a = pick(actual, observed, m);
            double[] f = pick(forecast, observed, m);
            absolute += Metrics.mae(a, f) * m;
            double rmse = Metrics.rmse(a, f);
            squared += rmse * rmse * m;
            smape += Metrics.smape(a, f) * m;
            points += m;
            double windowMase = Metrics.mase(a, f, history, season);
            if (Double.isFinite(windowMase)) {
                mase += windowMase;
                maseWindows++;
            }
            for (int l = 0; l < intervals.size(); l++) {
                Prediction.Interval interval = intervals.get(l);
                for (int j = 0; j < m; j++) {
                    int t = observed[j];
                    if (a[j] >= interval.lower()[t] && a[j] <= interval.upper()[t]) {
                        inside[l]++;
                    }
                }
            }
        }

        BacktestResult.Scores scores(boolean withCoverage) {
            Map<Double, Double> coverage = null;
            if (withCoverage) {
                coverage = new LinkedHashMap<>();
                for (int l = 0; l < levels.size(); l++) {
                    coverage.put(levels.get(l), points == 0 ? null : (double) inside[l] / points);
                }
            }
            return new BacktestResult.Scores(finite(absolute / points), finite(Math.sqrt(squared / points)),
                    finite(smape / points), maseWindows == 0 ? null : finite(mase / maseWindows), coverage);
        }

        private static double[] pick(double[] values, int[] at, int m) {
            double[] out = new double[m];
            for (int j = 0; j < m; j++) {
                out[j] = values[at[j]];
            }
            return out;
        }
    }
}
