package io.seqcast.bench;

import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.registry.ManifestJson;
import io.seqcast.registry.ModelManifest;
import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.series.metrics.Metrics;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.FitConfig;
import io.seqcast.training.FitResult;
import io.seqcast.training.ModelFitter;
import io.seqcast.training.Prediction;
import io.seqcast.training.Predictor;
import io.seqcast.training.PublicDatasets;
import io.seqcast.training.RollingOriginSelector;
import io.seqcast.training.TrainingListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The accuracy report of docs/accuracy.md: on every public dataset, hold out the end (ACCURACY.md's
 * rule, {@link PublicDatasets}), forecast it with seqcast's bundled default model (zero-shot) and with
 * "auto" (a model fitted on the series' own history, median of three seeds), each as
 * {@code POST /forecast} answers (the {@link RollingOriginSelector}'s per-series choice and intervals)
 * and as the model alone with its model card's intervals, and compare with R's naive, seasonal naive,
 * ets, auto.arima and thetaf (from {@code tools/r/baselines.R}).
 *
 * <pre>
 * Rscript tools/r/baselines.R src/test/resources/datasets target/r-forecasts.csv
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.seqcast.bench.AccuracyReport \
 *     -Dbench.args="src/test/resources/datasets target/r-forecasts.csv"
 * </pre>
 * Prints a markdown table of mean sMAPE, mean MASE, relMASE (geometric mean over series of the MASE
 * divided by the best of ets, auto.arima and thetaf on that series) and 80%/95% interval coverage,
 * then one row per series (MASE, then coverage) and the forecaster chosen per series. JVM options for
 * the run go in {@code -Dbench.jvm=...}, e.g. {@code -Daccuracy.origins=16}.
 */
public final class AccuracyReport {

    /** One method's forecast of one series' holdout. */
    record Forecast(double[] mean, double[] lo80, double[] hi80, double[] lo95, double[] hi95) {
    }

    static final List<Double> LEVELS = List.of(80.0, 95.0);
    /** The bundled model alone, intervals from its model card (no check against the series' past). */
    static final String DEFAULT_RAW = "default model alone";
    /** {@code "selection": "model"}: the model's forecast, intervals calibrated on the series' origins. */
    static final String DEFAULT_MODEL_ONLY = "default, selection=model";
    /** What {@code POST /forecast} answers without a model: the per-series choice. */
    static final String DEFAULT = "seqcast default";
    /** The default recipe trained without the series (cross-validation folds), alone and as served. */
    static final String UNSEEN_RAW = "unseen default model alone";
    static final String UNSEEN = "seqcast default, unseen";
    static final String AUTO_RAW = "auto model alone";
    static final String AUTO = "seqcast auto";

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("both")) {
            // Both development sets, every window (see BothSetsReport): the evaluation of issue 12.
            BothSetsReport.run(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
                    args.length > 4 ? args[4] : "src/main/resources/models/default/1");
            return;
        }
        Path datasets = Path.of(args.length > 0 ? args[0] : "src/test/resources/datasets");
        Path rFile = args.length > 1 ? Path.of(args[1]) : null;
        Path modelDir = Path.of(args.length > 2 ? args[2] : "src/main/resources/models/default/1");
        // -Daccuracy.windows=N also evaluates each series ending 1..N-1 holdouts earlier (ids "name@-w"):
        // more held-out points than the last window alone (only the unseen and auto rows stay unseen there).
        List<PublicDatasets.Entry> entries = new ArrayList<>();
        Set<String> untrained = PublicDatasets.load(datasets).stream().filter(e -> !e.trainable())
                .map(e -> e.series().id()).collect(Collectors.toSet());
        for (int w = 0; w < Integer.getInteger("accuracy.windows", 1); w++) {
            for (PublicDatasets.Entry e : PublicDatasets.load(datasets)) {
                e.shiftedBack(w).ifPresent(entries::add);
            }
        }
        Map<String, Map<String, Forecast>> all = new LinkedHashMap<>();
        Map<String, String[]> choices = new LinkedHashMap<>();
        Map<String, Path> folds = folds(System.getProperty("accuracy.folds", ""));
        if (rFile != null && Files.exists(rFile)) {
            readR(rFile, all);
        }
        SeqToOneModel defaultModel = ModelWeights.read(modelDir.resolve("model.safetensors"));
        ModelManifest defaultManifest = ManifestJson.read(Files.readAllBytes(modelDir.resolve("manifest.json")));
        try (ComputeContext compute = new ComputeContext(KernelsProvider.select("auto"), 0)) {
            Predictor predictor = new Predictor(compute, new GapFiller());
            RollingOriginSelector selector = new RollingOriginSelector(compute, new GapFiller(),
                    Integer.getInteger("accuracy.origins", 40));
            ModelFitter fitter = new ModelFitter(compute, new GapFiller());
            for (PublicDatasets.Entry e : entries) {
                SeriesData history = e.history();
                int h = e.holdout();
                Map<String, Forecast> methods = all.computeIfAbsent(e.series().id(), k -> new LinkedHashMap<>());
                long start = System.nanoTime();
                methods.put(DEFAULT_RAW, forecast(predictor.predict(defaultModel, defaultManifest,
                        List.of(history), h, LEVELS).get(0)));
                methods.put(DEFAULT_MODEL_ONLY, forecast(selector.predict(defaultModel, defaultManifest,
                        List.of(history), h, LEVELS, null, RollingOriginSelector.Policy.MODEL).get(0)));
                Prediction served = selector.predict(defaultModel, defaultManifest, List.of(history), h, LEVELS, null,
                        RollingOriginSelector.Policy.BEST).get(0);
                methods.put(DEFAULT, forecast(served));
                String[] chosen = {served.selection().method(), "-", "-"};
                Path foldDir = folds.get(e.series().id().replaceFirst("@-\\d+$", ""));
                if (foldDir != null) {
                    SeqToOneModel unseen = ModelWeights.read(foldDir.resolve("model.safetensors"));
                    ModelManifest unseenManifest = ManifestJson.read(Files.readAllBytes(foldDir.resolve("manifest.json")));
                    methods.put(UNSEEN_RAW, forecast(predictor.predict(unseen, unseenManifest, List.of(history), h,
                            LEVELS).get(0)));
                    Prediction p = selector.predict(unseen, unseenManifest, List.of(history), h, LEVELS, null,
                            RollingOriginSelector.Policy.BEST).get(0);
                    methods.put(UNSEEN, forecast(p));
                    chosen[2] = p.selection().method();
                } else if (untrained.contains(e.series().id().replaceFirst("@-\\d+$", "")) && !folds.isEmpty()) {
                    // Too short to train on (its whole history): the bundled model never saw it either.
                    methods.put(UNSEEN_RAW, methods.get(DEFAULT_RAW));
                    methods.put(UNSEEN, methods.get(DEFAULT));
                    chosen[2] = chosen[0];
                }
                choices.put(e.series().id(), chosen);
                long zeroShot = System.nanoTime() - start;
                if (Boolean.getBoolean("accuracy.default-only")) {
                    continue;
                }
                List<Forecast> rawSeeds = new ArrayList<>();
                List<Forecast> servedSeeds = new ArrayList<>();
                start = System.nanoTime();
                for (long seed = 1; seed <= 3; seed++) {
                    try {
                        FitResult fit = fitter.fit(List.of(history), FitConfig.defaults(h).withSeed(seed), TrainingListener.NONE);
                        rawSeeds.add(forecast(predictor.predict(fit.model(), fit.manifest(), List.of(history), h,
                                LEVELS).get(0)));
                        Prediction p = selector.predict(fit.model(), fit.manifest(), List.of(history), h, LEVELS, null,
                                RollingOriginSelector.Policy.BEST).get(0);
                        servedSeeds.add(forecast(p));
                        chosen[1] = seed == 1 ? p.selection().method() : chosen[1] + ", " + p.selection().method();
                    } catch (RuntimeException ex) {
                        // Too short for a model of its own: auto falls back on the default model.
                        rawSeeds.add(methods.get(DEFAULT_RAW));
                        servedSeeds.add(methods.get(DEFAULT));
                        chosen[1] = "(default model) " + chosen[0];
                    }
                }
                methods.put(AUTO_RAW, median(rawSeeds));
                methods.put(AUTO, median(servedSeeds));
                System.err.printf("%s: default %.1f ms, auto (3 seeds) %.1f s%n", e.series().id(), zeroShot / 1e6,
                        (System.nanoTime() - start) / 1e9);
            }
        }
        print(entries, all);
        System.out.println("Forecaster chosen per series (default; auto, one per seed; default trained without it):\n");
        System.out.println("| series | default | auto | default, unseen |\n|---|---|---|---|");
        choices.forEach((id, c) -> System.out.println("| " + id + " | " + c[0] + " | " + c[1] + " | " + c[2] + " |"));
    }

    /**
     * {@code DIR=a,b;DIR2=c,d}: per series, the folder of a default model trained without it (the
     * cross-validation folds of docs/accuracy.md, made by DefaultModelTrainer with
     * {@code -Dseqcast.default-model.exclude}).
     */
    private static Map<String, Path> folds(String spec) {
        Map<String, Path> folds = new LinkedHashMap<>();
        for (String fold : spec.split(";")) {
            if (fold.isBlank()) {
                continue;
            }
            String[] parts = fold.split("=", 2);
            for (String id : parts[1].split(",")) {
                folds.put(id.trim(), Path.of(parts[0].trim()));
            }
        }
        return folds;
    }

    private static Forecast forecast(Prediction p) {
        return new Forecast(p.mean(), p.intervals().get(0).lower(), p.intervals().get(0).upper(),
                p.intervals().get(1).lower(), p.intervals().get(1).upper());
    }

    /** Step-wise median over seeds (for intervals too): the usual cheap ensemble. */
    private static Forecast median(List<Forecast> f) {
        int h = f.get(0).mean().length;
        double[][] out = new double[5][h];
        for (int k = 0; k < h; k++) {
            out[0][k] = med(f, k, 0);
            out[1][k] = med(f, k, 1);
            out[2][k] = med(f, k, 2);
            out[3][k] = med(f, k, 3);
            out[4][k] = med(f, k, 4);
        }
        return new Forecast(out[0], out[1], out[2], out[3], out[4]);
    }

    private static double med(List<Forecast> f, int k, int which) {
        double[] v = new double[f.size()];
        for (int i = 0; i < v.length; i++) {
            Forecast x = f.get(i);
            double[][] arrays = {x.mean(), x.lo80(), x.hi80(), x.lo95(), x.hi95()};
            v[i] = arrays[which][k];
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static void readR(Path file, Map<String, Map<String, Forecast>> all) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.replace("\"", "").split(",");
            double[] r = new double[5];
            for (int i = 0; i < 5; i++) {
                r[i] = Double.parseDouble(c[3 + i]);
            }
            rows.computeIfAbsent(c[0] + "\u0000" + c[1], k -> new ArrayList<>()).add(r);
        }
        rows.forEach((key, list) -> {
            String[] k = key.split("\u0000");
            double[][] cols = new double[5][list.size()];
            for (int s = 0; s < list.size(); s++) {
                for (int i = 0; i < 5; i++) {
                    cols[i][s] = list.get(s)[i];
                }
            }
            all.computeIfAbsent(k[0], x -> new LinkedHashMap<>())
                    .put(k[1], new Forecast(cols[0], cols[1], cols[2], cols[3], cols[4]));
        });
    }

    private static void print(List<PublicDatasets.Entry> entries, Map<String, Map<String, Forecast>> all) {
        List<String> methods = new ArrayList<>(List.of("naive", "snaive", "ets", "arima", "theta", DEFAULT_RAW,
                DEFAULT_MODEL_ONLY, DEFAULT, UNSEEN_RAW, UNSEEN, AUTO_RAW, AUTO));
        Map<String, double[]> sums = new LinkedHashMap<>();
        StringBuilder perSeries = new StringBuilder("\n| series | h | " + String.join(" | ", methods) + " |\n|---|---|"
                + "---|".repeat(methods.size()) + "\n");
        StringBuilder coverage = new StringBuilder("\nPer series, 80% / 95% interval coverage:\n\n| series | h | "
                + String.join(" | ", methods) + " |\n|---|---|" + "---|".repeat(methods.size()) + "\n");
        int counted = 0;
        // per method, per series (its windows together): 80% and 95% coverage of each window
        Map<String, Map<String, List<double[]>>> covers = new LinkedHashMap<>();
        for (PublicDatasets.Entry e : entries) {
            Map<String, Forecast> f = all.get(e.series().id());
            if (f == null || !f.keySet().containsAll(List.of("ets", "arima", "theta"))) {
                continue;
            }
            counted++;
            double[] held = Arrays.copyOfRange(e.series().values(), e.series().length() - e.holdout(), e.series().length());
            // Scored on the observed points only (an earlier window of presidents holds two gaps).
            int[] observed = java.util.stream.IntStream.range(0, held.length).filter(k -> !Double.isNaN(held[k])).toArray();
            double[] actual = pick(held, observed);
            f = observedOnly(f, observed);
            double[] history = new GapFiller().fill(e.series().id(), e.history().values());
            int season = e.season();
            double best = Math.min(mase(actual, f.get("ets"), history, season),
                    Math.min(mase(actual, f.get("arima"), history, season), mase(actual, f.get("theta"), history, season)));
            perSeries.append("| ").append(e.series().id()).append(" | ").append(e.holdout()).append(" |");
            coverage.append("| ").append(e.series().id()).append(" | ").append(e.holdout()).append(" |");
            for (String m : methods) {
                Forecast x = f.get(m);
                if (x == null) {
                    perSeries.append(" - |");
                    coverage.append(" - |");
                    continue;
                }
                double mase = mase(actual, x, history, season);
                double[] s = sums.computeIfAbsent(m, k -> new double[9]);
                covers.computeIfAbsent(m, k -> new LinkedHashMap<>())
                        .computeIfAbsent(e.series().id().replaceFirst("@-\\d+$", ""), k -> new ArrayList<>())
                        .add(new double[] {Metrics.coverage(actual, x.lo80(), x.hi80()),
                                Metrics.coverage(actual, x.lo95(), x.hi95())});
                s[0] += Metrics.smape(actual, x.mean());
                s[1] += mase;
                s[2] += Math.log(mase / best);
                s[3] += Metrics.coverage(actual, x.lo80(), x.hi80());
                s[4] += Metrics.coverage(actual, x.lo95(), x.hi95());
                s[5]++;
                // Also pooled over points, the wording ("cover 93-97% of the points"): long holdouts weigh more.
                s[6] += Metrics.coverage(actual, x.lo80(), x.hi80()) * actual.length;
                s[7] += Metrics.coverage(actual, x.lo95(), x.hi95()) * actual.length;
                s[8] += actual.length;
                perSeries.append(String.format(Locale.ROOT, " %.3f |", mase));
                coverage.append(String.format(Locale.ROOT, " %.2f / %.2f |", Metrics.coverage(actual, x.lo80(), x.hi80()),
                        Metrics.coverage(actual, x.lo95(), x.hi95())));
            }
            perSeries.append('\n');
            coverage.append('\n');
        }
        System.out.printf("%d series (MASE per series below)%n%n", counted);
        System.out.println("| method | mean sMAPE | mean MASE | relMASE | 80% cover | 95% cover | 80% / 95% of points |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String m : methods) {
            double[] s = sums.get(m);
            if (s == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.3f | %.3f | %.2f | %.2f | %.3f / %.3f |%n", m, s[0] / s[5],
                    s[1] / s[5], Math.exp(s[2] / s[5]), s[3] / s[5], s[4] / s[5], s[6] / s[8], s[7] / s[8]);
        }
        System.out.println("\nMean coverage with a 95% bootstrap interval (5,000 resamples of the series, each with all"
                + " its windows):\n\n| method | 80% cover | 95% cover |\n|---|---|---|");
        covers.forEach((m, bySeries) -> System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", m,
                bootstrap(bySeries, 0), bootstrap(bySeries, 1)));
        System.out.println(perSeries);
        System.out.println(coverage);
    }

    /** Mean coverage over windows and its 2.5% and 97.5% percentiles over resamples of whole series. */
    private static String bootstrap(Map<String, List<double[]>> bySeries, int level) {
        List<List<double[]>> series = new ArrayList<>(bySeries.values());
        java.util.Random random = new java.util.Random(1);
        double[] means = new double[5_000];
        for (int b = 0; b < means.length; b++) {
            List<List<double[]>> sample = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                sample.add(series.get(random.nextInt(series.size())));
            }
            means[b] = meanCoverage(sample, level);
        }
        Arrays.sort(means);
        return String.format(Locale.ROOT, "%.3f [%.2f, %.2f]", meanCoverage(series, level),
                means[(int) (0.025 * means.length)], means[(int) (0.975 * means.length)]);
    }

    private static double meanCoverage(List<List<double[]>> series, int level) {
        return series.stream().flatMap(List::stream).mapToDouble(c -> c[level]).average().orElse(Double.NaN);
    }

    private static double[] pick(double[] values, int[] at) {
        return Arrays.stream(at).mapToDouble(k -> values[k]).toArray();
    }

    private static Map<String, Forecast> observedOnly(Map<String, Forecast> forecasts, int[] at) {
        Map<String, Forecast> out = new LinkedHashMap<>();
        forecasts.forEach((m, x) -> out.put(m, new Forecast(pick(x.mean(), at), pick(x.lo80(), at), pick(x.hi80(), at),
                pick(x.lo95(), at), pick(x.hi95(), at))));
        return out;
    }

    private static double mase(double[] actual, Forecast f, double[] history, int season) {
        return Metrics.mase(actual, f.mean(), history, season);
    }
}
