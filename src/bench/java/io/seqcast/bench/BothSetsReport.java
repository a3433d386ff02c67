package io.seqcast.bench;

import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.registry.ManifestJson;
import io.seqcast.registry.ModelManifest;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.series.metrics.Metrics;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.ExtendedDatasets;
import io.seqcast.training.Prediction;
import io.seqcast.training.PublicDatasets;
import io.seqcast.training.RollingOriginSelector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The evaluation on both development sets that every design decision of the network is made on
 * (docs/accuracy.md, issue 12): the 25 series of {@code datasets} with 5 windows each (ACCURACY.md's
 * holdout rule, {@link PublicDatasets}) and the 100 series of {@code datasets/extended} with their 2
 * windows (its protocol.csv, {@link ExtendedDatasets}). Rows: the default request
 * ({@code "selection": "best"}), the network alone ({@code "selection": "off"}, model-card intervals)
 * and R's naive, snaive, ets, auto.arima and thetaf from their stored forecasts. With
 * {@code -Daccuracy.fast=true} only the network alone and R (the inner loop of model work: seconds).
 *
 * <pre>
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.seqcast.bench.AccuracyReport \
 *     -Dbench.args="both DATASETS target/r-forecasts-w5.csv DATASETS/extended [model dir]"  (DATASETS: the shared datasets folder)
 * </pre>
 * The model dir defaults to the bundled {@code src/main/resources/models/default/1}.
 */
final class BothSetsReport {

    record Forecast(double[] mean, double[] lo80, double[] hi80, double[] lo95, double[] hi95) {
        static Forecast of(Prediction p) {
            return new Forecast(p.mean(), p.intervals().get(0).lower(), p.intervals().get(0).upper(),
                    p.intervals().get(1).lower(), p.intervals().get(1).upper());
        }
    }

    static final String DEFAULT = "default (selection best)";
    static final String NETWORK = "network alone (selection off)";
    static final Map<String, String> R_METHODS = Map.of("naive", "R naive", "snaive", "R snaive", "ets", "R ets",
            "arima", "R auto.arima", "auto.arima", "R auto.arima", "theta", "R thetaf", "thetaf", "R thetaf");
    static final List<String> CLASSES = List.of("seasonal M/Q", "daily/weekly", "annual/other");
    private static final List<Double> LEVELS = List.of(80.0, 95.0);

    private BothSetsReport() {
    }

    /**
     * @param modelDirs one model folder, or several separated by commas: then the network alone is the
     *     step-wise median of their forecasts and bounds (an ensemble measured before it is served), and
     *     the default request uses the first
     */
    static void run(Path datasets, Path rFile25, Path extended, String modelDirs) throws IOException {
        boolean fast = Boolean.getBoolean("accuracy.fast");
        List<SeqToOneModel> members = new ArrayList<>();
        List<ModelManifest> manifests = new ArrayList<>();
        for (String dir : modelDirs.split(",")) {
            members.add(ModelWeights.read(Path.of(dir).resolve("model.safetensors")));
            manifests.add(ManifestJson.read(Files.readAllBytes(Path.of(dir).resolve("manifest.json"))));
        }
        SeqToOneModel model = members.get(0);
        ModelManifest manifest = manifests.get(0);
        String modelDir = modelDirs;
        AccuracySummary summary = new AccuracySummary();
        Map<String, Map<String, Forecast>> r25 = readR25(rFile25);
        long start = System.nanoTime();
        try (ComputeContext compute = new ComputeContext(KernelsProvider.select("auto"), 0)) {
            RollingOriginSelector selector = new RollingOriginSelector(compute, new GapFiller(),
                    Integer.getInteger("accuracy.origins", 40));
            // The 25 series, five windows each.
            for (int w = 0; w < 5; w++) {
                for (PublicDatasets.Entry e : PublicDatasets.load(datasets)) {
                    PublicDatasets.Entry entry = e.shiftedBack(w).orElse(null);
                    if (entry == null || !r25.containsKey(entry.series().id())) {
                        continue;
                    }
                    Map<String, Forecast> methods = new LinkedHashMap<>();
                    r25.get(entry.series().id()).forEach((m, f) -> methods.put(R_METHODS.get(m), f));
                    forecast(selector, members, manifests, entry.history(), entry.holdout(), null, fast, methods);
                    int h = entry.holdout();
                    double[] actual = Arrays.copyOfRange(entry.series().values(), entry.series().length() - h,
                            entry.series().length());
                    double[] history = new GapFiller().fill(entry.series().id(), entry.history().values());
                    int season = entry.season();
                    score(summary, "25", e.series().id(), class25(e.perYear()), actual, methods,
                            f -> Metrics.mae(f.a(), f.b()) / maseScale(history, season));
                }
            }
            // The 100 extended series, two windows each.
            for (ExtendedDatasets.Window w : ExtendedDatasets.windows(extended)) {
                Map<String, Forecast> methods = new LinkedHashMap<>();
                readRExtended(extended.resolve("r-forecasts").resolve(w.series().id() + "__w" + w.window() + ".csv"))
                        .forEach((m, f) -> methods.put(R_METHODS.get(m), f));
                forecast(selector, members, manifests, w.history(), w.horizon(), Frequency.parse(w.frequency()), fast,
                        methods);
                String c = switch (w.frequencyClass()) {
                    case "M", "Q" -> CLASSES.get(0);
                    case "W", "D" -> CLASSES.get(1);
                    default -> CLASSES.get(2);
                };
                score(summary, "ext", w.series().id(), c, w.actual(), methods, f -> Metrics.mae(f.a(), f.b()) / w.scale());
            }
        }
        System.out.printf("model %s: %s, %s %d x %d, window %d, horizon %d (%.1f s)%n", modelDir,
                manifest.description() == null ? "" : manifest.description(), manifest.architecture().cell(),
                manifest.architecture().numLayers(), manifest.architecture().hiddenSize(),
                manifest.architecture().window(), manifest.architecture().horizon(), (System.nanoTime() - start) / 1e9);
        System.out.print(summary.table("25 + 100 series (all windows):", o -> true));
        System.out.print(summary.table("25 series x 5 windows:", o -> o.series().startsWith("25:")));
        System.out.print(summary.table("100 extended series x 2 windows:", o -> o.series().startsWith("ext:")));
        System.out.print(summary.perClass("relMASE (windows), 80% / 95% pooled coverage per frequency class, both sets:",
                o -> true, CLASSES));
    }

    private static void forecast(RollingOriginSelector selector, List<SeqToOneModel> members,
                                 List<ModelManifest> manifests, SeriesData history, int h, Frequency frequency,
                                 boolean fast, Map<String, Forecast> methods) {
        List<Forecast> alone = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            alone.add(Forecast.of(selector.predict(members.get(i), manifests.get(i), List.of(history), h, LEVELS,
                    frequency, RollingOriginSelector.Policy.OFF).get(0)));
        }
        methods.put(NETWORK, median(alone));
        if (!fast) {
            methods.put(DEFAULT, Forecast.of(selector.predict(members.get(0), manifests.get(0), List.of(history), h,
                    LEVELS, frequency, RollingOriginSelector.Policy.BEST).get(0)));
        }
    }

    /** Step-wise median of every array (lower median for an even count). */
    private static Forecast median(List<Forecast> f) {
        if (f.size() == 1) {
            return f.get(0);
        }
        int h = f.get(0).mean().length;
        double[][] out = new double[5][h];
        double[] v = new double[f.size()];
        for (int which = 0; which < 5; which++) {
            for (int k = 0; k < h; k++) {
                for (int i = 0; i < v.length; i++) {
                    Forecast x = f.get(i);
                    v[i] = new double[][] {x.mean(), x.lo80(), x.hi80(), x.lo95(), x.hi95()}[which][k];
                }
                Arrays.sort(v);
                out[which][k] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            }
        }
        return new Forecast(out[0], out[1], out[2], out[3], out[4]);
    }

    private record Pair(double[] a, double[] b) {
    }

    private static void score(AccuracySummary summary, String set, String series, String frequencyClass,
                              double[] held, Map<String, Forecast> methods,
                              java.util.function.ToDoubleFunction<Pair> mase) {
        int[] observed = IntStream.range(0, held.length).filter(k -> Double.isFinite(held[k])).toArray();
        double[] actual = pick(held, observed);
        double best = Double.POSITIVE_INFINITY;
        for (String r : List.of("R ets", "R auto.arima", "R thetaf")) {
            best = Math.min(best, mase.applyAsDouble(new Pair(actual, pick(methods.get(r).mean(), observed))));
        }
        for (Map.Entry<String, Forecast> m : methods.entrySet()) {
            Forecast f = m.getValue();
            double[] mean = pick(f.mean(), observed);
            if (!Arrays.stream(mean).allMatch(Double::isFinite)) {
                continue; // R's snaive on a non-seasonal window: no forecast
            }
            summary.add(m.getKey(), new AccuracySummary.Outcome(set + ":" + series, frequencyClass,
                    mase.applyAsDouble(new Pair(actual, mean)), best, Metrics.smape(actual, mean),
                    inside(actual, pick(f.lo80(), observed), pick(f.hi80(), observed)),
                    inside(actual, pick(f.lo95(), observed), pick(f.hi95(), observed)), actual.length));
        }
    }

    private static int inside(double[] actual, double[] lo, double[] hi) {
        int n = 0;
        for (int k = 0; k < actual.length; k++) {
            n += actual[k] >= lo[k] && actual[k] <= hi[k] ? 1 : 0;
        }
        return n;
    }

    private static double maseScale(double[] history, int season) {
        int lag = Metrics.scaleLag(history.length, season);
        double scale = 0;
        for (int t = lag; t < history.length; t++) {
            scale += Math.abs(history[t] - history[t - lag]);
        }
        return scale / (history.length - lag);
    }

    private static String class25(double perYear) {
        return perYear == 12 || perYear == 4 ? CLASSES.get(0) : perYear >= 52 ? CLASSES.get(1) : CLASSES.get(2);
    }

    private static double[] pick(double[] values, int[] at) {
        return Arrays.stream(at).mapToDouble(k -> values[k]).toArray();
    }

    /** tools/r/baselines.R's file: series id ("name" or "name@-w"), method, step, mean, lo80, hi80, lo95, hi95. */
    private static Map<String, Map<String, Forecast>> readR25(Path file) throws IOException {
        Map<String, Map<String, List<double[]>>> rows = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            System.out.println("no " + file + ": the 25 series are left out");
            return Map.of();
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.replace("\"", "").split(",");
            double[] r = new double[5];
            for (int i = 0; i < 5; i++) {
                r[i] = Double.parseDouble(c[3 + i]);
            }
            rows.computeIfAbsent(c[0], k -> new LinkedHashMap<>()).computeIfAbsent(c[1], k -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, Forecast>> out = new LinkedHashMap<>();
        rows.forEach((id, byMethod) -> byMethod.forEach((m, list) -> out.computeIfAbsent(id, k -> new LinkedHashMap<>())
                .put(m, columns(list, 0))));
        return out;
    }

    /** One file of extended/r-forecasts: series, method, step, t, actual, point, lo80, hi80, lo95, hi95, window. */
    private static Map<String, Forecast> readRExtended(Path file) throws IOException {
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.replace("\"", "").split(",");
            double[] r = new double[5];
            for (int i = 0; i < 5; i++) {
                r[i] = c[5 + i].equals("NA") ? Double.NaN : Double.parseDouble(c[5 + i]);
            }
            rows.computeIfAbsent(c[1], k -> new ArrayList<>()).add(r);
        }
        Map<String, Forecast> out = new LinkedHashMap<>();
        rows.forEach((m, list) -> out.put(m, columns(list, 0)));
        return out;
    }

    private static Forecast columns(List<double[]> list, int from) {
        double[][] cols = new double[5][list.size()];
        for (int s = 0; s < list.size(); s++) {
            for (int i = 0; i < 5; i++) {
                cols[i][s] = list.get(s)[from + i];
            }
        }
        return new Forecast(cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
}
