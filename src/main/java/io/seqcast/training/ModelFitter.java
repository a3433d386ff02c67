package io.seqcast.training;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.registry.ModelManifest;
import io.seqcast.series.DefaultWindow;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.Scaler;
import io.seqcast.series.SeasonPhase;
import io.seqcast.series.Seasonality;
import io.seqcast.series.SeriesData;
import io.seqcast.series.TimeAxis;
import io.seqcast.series.WindowEncoder;
import io.seqcast.series.Windows;
import io.seqcast.series.metrics.Baselines;
import io.seqcast.series.metrics.Metrics;
import io.seqcast.tensor.ComputeContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a sequence-to-one model to one or many series and writes its model card: the whole path from
 * client series to a registrable version.
 *
 * <ol>
 *   <li>fill gaps; infer the frequency (from timestamps) and the season length;</li>
 *   <li>choose the window (from the season, the shortest series and the horizon) unless given;</li>
 *   <li>cut every series into windows with {@link WindowEncoder} (the same code inference uses) and
 *       pool them (a global model); the last {@code validationFraction} of each series (at least one
 *       horizon) is held out in time, never shuffled;</li>
 *   <li>train with early stopping on the held-out windows; score them against seasonal naive in the
 *       data's units; keep their absolute errors per horizon step, in model units, as conformal
 *       residuals for prediction intervals (rolling origins: every cut in the held-out period);</li>
 *   <li>optionally refit from the same initial weights on all windows for the best epoch count.</li>
 * </ol>
 * Thread-safe: all state is per call.
 */
public final class ModelFitter {

    private final ComputeContext compute;
    private final GapFiller gapFiller;

    /** Earliest cut of a left-padded training window in a pooled fit (points of the series it sees at least). */
    static final int MIN_PADDED_CUT = 8;

    /** Largest training target, in model units (window scales from the baseline). */
    static final double MAX_TARGET = 50;

    public ModelFitter(ComputeContext compute, GapFiller gapFiller) {
        this.compute = compute;
        this.gapFiller = gapFiller;
    }

    /** The series after gap filling, with everything the windows need. */
    private record Prepared(String id, double[] values, int startPhase, Scaler scaler, int validationPoints,
                            List<String> timestamps, int season, WindowEncoder encoder) {
    }

    /**
     * Windows plus, per window, its series, cut, scaler and baseline ({@code [count, horizon]} in model
     * units; the targets are the departures from it).
     */
    private record Cut(Windows windows, int[] series, int[] cuts, Scaler[] scalers, float[] baselines) {
    }

    /**
     * The data side of a fit, before any window is cut: gap-filled series, frequencies, seasons, the
     * window and the encoders.
     */
    private record Plan(List<Prepared> prepared, Frequency frequency, int minLength, int maxLength, int[] seasons,
                        boolean oneSeason, int maxSeason, int window, int minCut,
                        WindowEncoder.Normalization normalization,
                        boolean windowLog1p, boolean seasonalFeatures, WindowEncoder encoder) {
    }

    /**
     * Runs everything {@link #fit} does before training (gap filling, frequency and season inference,
     * the window choice, the length and scaler checks) and returns the window the fit would use. Cheap
     * next to a fit: a caller can refuse bad series before queueing a training run.
     *
     * @throws InvalidSeriesException naming the first series {@code fit} would refuse
     * @throws io.seqcast.series.InvalidTimestampsException when timestamps cannot index a series
     */
    public int check(List<SeriesData> series, FitConfig config) {
        Plan plan = plan(series, config);
        List<Prepared> prepared = plan.prepared();
        boolean trainable = false;
        for (Prepared p : prepared) {
            trainable |= p.values().length - p.validationPoints() - config.horizon() >= plan.minCut();
        }
        if (!trainable) {
            throw new InvalidSeriesException(series.get(0).id(), "the series are too short for window "
                    + plan.window() + " and horizon " + config.horizon() + ": no training window could be cut");
        }
        return plan.window();
    }

    public FitResult fit(List<SeriesData> series, FitConfig config, TrainingListener listener) {
        Plan plan = plan(series, config);
        List<Prepared> prepared = plan.prepared();
        int horizon = config.horizon();
        int window = plan.window();
        WindowEncoder encoder = plan.encoder();
        WindowEncoder.Normalization normalization = plan.normalization();
        boolean windowLog1p = plan.windowLog1p();
        boolean seasonalFeatures = plan.seasonalFeatures();
        int[] seasons = plan.seasons();
        boolean oneSeason = plan.oneSeason();
        Frequency frequency = plan.frequency();
        int minLength = plan.minLength();
        int maxLength = plan.maxLength();

        Cut train = cut(prepared, window, plan.minCut(), encoder.features(), horizon, config.stride(), false);
        Cut validation = cut(prepared, window, plan.minCut(), encoder.features(), horizon, 1, true);
        if (train.windows().isEmpty()) {
            throw new InvalidSeriesException(series.get(0).id(), "the series are too short for window " + window
                    + " and horizon " + horizon + ": no training window could be cut");
        }

        ModelSpec spec = new ModelSpec(CellType.parse(config.cell()), encoder.features(), config.hidden(),
                config.layers(), horizon);
        SeqToOneModel model = new SeqToOneModel(spec);
        Initializer.pytorchDefault(model, config.seed());
        float[] initial = model.parameters().clone();
        TrainingOptions options = new TrainingOptions(config.epochs(), config.batchSize(), config.learningRate(), 0,
                0.1f, 0f, 1f, config.patience(), config.seed(), Loss.parse(config.loss()));
        Trainer trainer = new Trainer(compute);
        TrainingResult result = trainer.fit(model, train.windows(), validation.windows(), options, listener);

        ModelManifest.Validation scores = null;
        ModelManifest.Intervals intervals;
        if (!validation.windows().isEmpty()) {
            float[] predicted = predict(model, validation.windows());
            scores = score(prepared, validation, predicted, horizon);
            intervals = calibrate(validation, predicted, horizon, "rolling-origin validation: "
                    + validation.windows().count() + " windows, every cut in the last "
                    + Math.round(config.validationFraction() * 100) + "% of each series");
        } else {
            float[] predicted = predict(model, train.windows());
            intervals = calibrate(train, predicted, horizon, "in-sample training residuals (no validation data; "
                    + "intervals will under-cover)");
        }

        int refitEpochs = 0;
        // A refit the listener declines (a stop request, a time budget it would overrun) keeps the best
        // weights: a refit cut short would leave weights trained for fewer epochs than the ones validated.
        if (config.refit() && !validation.windows().isEmpty() && !listener.skipRefit(result.bestEpoch())) {
            refitEpochs = result.bestEpoch();
            System.arraycopy(initial, 0, model.parameters(), 0, initial.length);
            Windows all = concat(train.windows(), validation.windows());
            TrainingOptions refit = new TrainingOptions(refitEpochs, config.batchSize(), config.learningRate(), 0,
                    0.1f, 0f, 1f, 0, config.seed(), Loss.parse(config.loss()));
            // The refit runs its epochs to the end: only a cancellation stops it, not a stop request.
            trainer.fit(model, all, emptyLike(all), refit, new TrainingListener() {
                @Override
                public void onEpoch(EpochReport report) {
                    listener.onEpoch(report);
                }

                @Override
                public boolean cancelled() {
                    return listener.cancelled();
                }
            });
        }

        ModelManifest manifest = new ModelManifest(null, 0, ModelManifest.FORMAT,
                new ModelManifest.Architecture(spec.cell().name(), spec.inputSize(), spec.hiddenSize(),
                        spec.numLayers(), window, horizon),
                new ModelManifest.Preprocessing(normalization.name().toLowerCase(java.util.Locale.ROOT),
                        config.scaler(), normalization == WindowEncoder.Normalization.WINDOW ? windowLog1p : config.log1p(),
                        "last", oneSeason ? seasons[0] : 0, seasonalFeatures, seriesScalers(prepared),
                        config.seasonalBaseline() ? "seasonal-naive" : "none"),
                frequency == null ? null : frequency.code(),
                trainingRecord(config, result, refitEpochs),
                summary(prepared, minLength, maxLength, train, validation),
                scores, intervals, Instant.now(), null, null);
        return new FitResult(model, manifest, result, refitEpochs);
    }

    private Plan plan(List<SeriesData> series, FitConfig config) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("no series to train on");
        }
        Frequency[] frequencies = new Frequency[series.size()];
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] = frequencyOf(series.get(i), config);
        }
        // The manifest records a frequency only when every series has the same one.
        Frequency frequency = java.util.Arrays.stream(frequencies).distinct().count() == 1 ? frequencies[0] : null;
        List<double[]> filled = new ArrayList<>();
        double[] longest = null;
        int minLength = Integer.MAX_VALUE;
        int maxLength = 0;
        for (SeriesData s : series) {
            double[] values = gapFiller.fill(s.id(), s.values());
            filled.add(values);
            if (longest == null || values.length > longest.length) {
                longest = values;
            }
            minLength = Math.min(minLength, values.length);
            maxLength = Math.max(maxLength, values.length);
        }
        int horizon = config.horizon();
        // A season length of 0 means: each series its own, from the frequency or its autocorrelation.
        int[] seasons = new int[series.size()];
        int maxSeason = 1;
        for (int i = 0; i < seasons.length; i++) {
            seasons[i] = config.seasonLength() > 0 ? config.seasonLength()
                    : Seasonality.infer(filled.get(i), frequencies[i]);
            maxSeason = Math.max(maxSeason, seasons[i]);
        }
        boolean oneSeason = java.util.Arrays.stream(seasons).distinct().count() == 1;
        int window;
        try {
            window = config.window() > 0 ? config.window() : DefaultWindow.choose(maxSeason, maxLength, horizon);
        } catch (IllegalArgumentException e) {
            throw new InvalidSeriesException(series.get(0).id(), e.getMessage());
        }
        WindowEncoder.Normalization normalization = WindowEncoder.Normalization.parse(config.normalization());
        boolean windowLog1p = normalization == WindowEncoder.Normalization.WINDOW && config.log1p()
                && filled.stream().allMatch(Scaler::log1pAllowed);
        boolean seasonalFeatures = config.seasonalFeatures() && maxSeason > 1;
        Map<Integer, WindowEncoder> encoders = new java.util.HashMap<>();
        for (int season : seasons) {
            encoders.computeIfAbsent(season, k -> new WindowEncoder(window, k, seasonalFeatures, normalization,
                    config.seasonalBaseline(), windowLog1p));
        }
        WindowEncoder encoder = encoders.get(seasons[0]);

        // A pooled (global) fit also cuts windows that start before a series does, left-padded as
        // inference pads a short series: short series (most yearly and quarterly ones) then teach the
        // model how it will see them. A single series' fit keeps whole windows.
        int minCut = series.size() > 1 ? Math.min(window, MIN_PADDED_CUT) : window;
        List<Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            SeriesData s = series.get(i);
            double[] values = filled.get(i);
            int n = values.length;
            int v = config.validationFraction() > 0
                    ? Math.max(horizon, (int) Math.ceil(config.validationFraction() * n)) : 0;
            if (n - v - horizon < minCut) {
                if (series.size() == 1) {
                    throw new InvalidSeriesException(s.id(), "series '" + s.id() + "' has " + n + " points but window "
                            + window + " + horizon " + horizon + " + validation " + v + " need at least "
                            + (window + horizon + v));
                }
                // In a pooled (global) model a short series still serves validation if it can.
                v = Math.max(0, Math.min(v, n - minCut - horizon));
            }
            Scaler scaler = null;
            if (normalization == WindowEncoder.Normalization.SERIES) {
                boolean log1p = config.log1p() && Scaler.log1pAllowed(values);
                try {
                    scaler = Scaler.fit(Scaler.Kind.parse(config.scaler()), log1p, values, 0, Math.max(1, n - v));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSeriesException(s.id(), e.getMessage());
                }
            }
            int season = seasons[i];
            int phase = s.timestamps() == null || s.timestamps().isEmpty() ? 0
                    : SeasonPhase.of(s.timestamps().get(0), frequencies[i], season);
            prepared.add(new Prepared(s.id(), values, phase, scaler, v, s.timestamps(), season, encoders.get(season)));
        }

        return new Plan(prepared, frequency, minLength, maxLength, seasons, oneSeason, maxSeason, window, minCut,
                normalization, windowLog1p, seasonalFeatures, encoder);
    }

    /** The configured frequency, else the series' own from its timestamps, else unknown ({@code null}). */
    private static Frequency frequencyOf(SeriesData s, FitConfig config) {
        if (config.frequency() != null && !config.frequency().isBlank()) {
            return Frequency.parse(config.frequency());
        }
        if (s.timestamps() != null && s.timestamps().size() >= 3) {
            return TimeAxis.infer(s.timestamps()).frequency();
        }
        return null;
    }

    /**
     * Training windows: cuts from {@code minCut} ({@code window}, or {@link #MIN_PADDED_CUT} in a pooled
     * fit: left-padded windows) up to the start of each series' validation period
     * minus a horizon, stepping back from the newest by {@code stride}. Validation windows: every cut
     * whose targets lie in the validation period.
     */
    private static Cut cut(List<Prepared> prepared, int window, int minCut, int f, int horizon, int stride,
                           boolean validation) {
        List<int[]> picks = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            int n = p.values().length;
            int boundary = n - p.validationPoints();
            if (validation) {
                if (p.validationPoints() == 0) {
                    continue;
                }
                for (int c = Math.max(minCut, boundary); c + horizon <= n; c++) {
                    picks.add(new int[] {i, c});
                }
            } else {
                List<int[]> mine = new ArrayList<>();
                for (int c = boundary - horizon; c >= minCut; c -= stride) {
                    mine.add(0, new int[] {i, c});
                }
                picks.addAll(mine);
            }
        }
        int count = picks.size();
        float[] inputs = new float[count * window * f];
        float[] targets = new float[count * horizon];
        int[] seriesOf = new int[count];
        int[] cuts = new int[count];
        Scaler[] scalers = new Scaler[count];
        float[] baselines = new float[count * horizon];
        for (int w = 0; w < count; w++) {
            Prepared p = prepared.get(picks.get(w)[0]);
            int c = picks.get(w)[1];
            Scaler s = p.encoder().encode(p.values(), c, p.startPhase(), p.scaler(), inputs, w * window * f);
            p.encoder().baseline(inputs, w * window * f, horizon, baselines, w * horizon);
            for (int k = 0; k < horizon; k++) {
                // Bounded: a hyperinflation or an explosion would otherwise be thousands of window scales
                // away and outweigh every other window in the loss.
                double z = s.transform(p.values()[c + k]) - baselines[w * horizon + k];
                targets[w * horizon + k] = (float) Math.max(-MAX_TARGET, Math.min(MAX_TARGET, z));
            }
            seriesOf[w] = picks.get(w)[0];
            cuts[w] = c;
            scalers[w] = s;
        }
        return new Cut(new Windows(inputs, targets, count, window, f, horizon), seriesOf, cuts, scalers, baselines);
    }

    private float[] predict(SeqToOneModel model, Windows windows) {
        float[] out = new float[windows.count() * windows.horizon()];
        model.predict(compute, windows.inputs(), windows.count(), windows.steps(), out);
        return out;
    }

    private static ModelManifest.Validation score(List<Prepared> prepared, Cut validation, float[] predicted,
                                                  int horizon) {
        int count = validation.windows().count();
        double[][] model = new double[4][count];
        double[][] naive = new double[4][count];
        double sqModel = 0;
        double sqNaive = 0;
        for (int w = 0; w < count; w++) {
            Prepared p = prepared.get(validation.series()[w]);
            int season = p.season();
            int c = validation.cuts()[w];
            double[] actual = java.util.Arrays.copyOfRange(p.values(), c, c + horizon);
            double[] history = java.util.Arrays.copyOfRange(p.values(), 0, c);
            double[] forecast = new double[horizon];
            for (int k = 0; k < horizon; k++) {
                int at = w * horizon + k;
                forecast[k] = validation.scalers()[w].inverse(predicted[at] + validation.baselines()[at]);
            }
            double[] baseline = Baselines.seasonalNaive(history, season, horizon);
            fill(model, w, actual, forecast, history, season);
            fill(naive, w, actual, baseline, history, season);
            sqModel += Math.pow(Metrics.rmse(actual, forecast), 2);
            sqNaive += Math.pow(Metrics.rmse(actual, baseline), 2);
        }
        return new ModelManifest.Validation(
                new ModelManifest.Accuracy(mean(model[0]), Math.sqrt(sqModel / count), mean(model[2]), mean(model[3])),
                new ModelManifest.Accuracy(mean(naive[0]), Math.sqrt(sqNaive / count), mean(naive[2]), mean(naive[3])),
                count);
    }

    private static void fill(double[][] acc, int w, double[] actual, double[] forecast, double[] history, int season) {
        acc[0][w] = Metrics.mae(actual, forecast);
        acc[2][w] = Metrics.smape(actual, forecast);
        acc[3][w] = Metrics.mase(actual, forecast, history, season);
    }

    /** Mean over the finite values (MASE is NaN on a flat history). */
    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static ModelManifest.Intervals calibrate(Cut cut, float[] predicted, int horizon, String method) {
        int count = cut.windows().count();
        float[] targets = cut.windows().targets();
        double[][] residuals = new double[horizon][count];
        for (int w = 0; w < count; w++) {
            for (int k = 0; k < horizon; k++) {
                residuals[k][w] = Math.abs(targets[w * horizon + k] - predicted[w * horizon + k]);
            }
        }
        return new ModelManifest.Intervals(ResidualQuantiles.LEVELS, ResidualQuantiles.of(residuals), count, method);
    }

    private static Windows concat(Windows a, Windows b) {
        float[] inputs = new float[a.inputs().length + b.inputs().length];
        System.arraycopy(a.inputs(), 0, inputs, 0, a.inputs().length);
        System.arraycopy(b.inputs(), 0, inputs, a.inputs().length, b.inputs().length);
        float[] targets = new float[a.targets().length + b.targets().length];
        System.arraycopy(a.targets(), 0, targets, 0, a.targets().length);
        System.arraycopy(b.targets(), 0, targets, a.targets().length, b.targets().length);
        return new Windows(inputs, targets, a.count() + b.count(), a.steps(), a.features(), a.horizon());
    }

    private static Windows emptyLike(Windows w) {
        return new Windows(new float[0], new float[0], 0, w.steps(), w.features(), w.horizon());
    }

    private static Map<String, ModelManifest.ScalerParams> seriesScalers(List<Prepared> prepared) {
        Map<String, ModelManifest.ScalerParams> map = new LinkedHashMap<>();
        for (Prepared p : prepared) {
            if (p.scaler() != null) {
                Scaler s = p.scaler();
                map.put(p.id(), new ModelManifest.ScalerParams(s.kind().name().toLowerCase(java.util.Locale.ROOT),
                        s.log1p(), s.center(), s.scale()));
            }
        }
        return map;
    }

    private static Map<String, Object> trainingRecord(FitConfig config, TrainingResult result, int refitEpochs) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cell", config.cell());
        map.put("hidden", config.hidden());
        map.put("layers", config.layers());
        map.put("epochs", config.epochs());
        map.put("batchSize", config.batchSize());
        map.put("learningRate", config.learningRate());
        map.put("loss", config.loss());
        map.put("seed", config.seed());
        map.put("validationFraction", config.validationFraction());
        map.put("patience", config.patience());
        map.put("epochsRun", result.epochs().size());
        map.put("bestEpoch", result.bestEpoch());
        map.put("bestValidationLoss", Double.isFinite(result.bestValidationLoss()) ? result.bestValidationLoss() : null);
        map.put("stoppedEarly", result.stoppedEarly());
        map.put("refitEpochs", refitEpochs);
        map.values().removeIf(java.util.Objects::isNull);
        return map;
    }

    private static ModelManifest.DataSummary summary(List<Prepared> prepared, int minLength, int maxLength,
                                                     Cut train, Cut validation) {
        String first = null;
        String last = null;
        for (Prepared p : prepared) {
            List<String> ts = p.timestamps();
            if (ts != null && !ts.isEmpty()) {
                if (first == null || ts.get(0).compareTo(first) < 0) {
                    first = ts.get(0);
                }
                if (last == null || ts.get(ts.size() - 1).compareTo(last) > 0) {
                    last = ts.get(ts.size() - 1);
                }
            }
        }
        return new ModelManifest.DataSummary(prepared.size(), minLength, maxLength, train.windows().count(),
                validation.windows().count(), first, last);
    }
}
