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
import io.seqcast.training.Prediction;
import io.seqcast.training.PublicDatasets;
import io.seqcast.training.RollingOriginSelector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The dev-set check of the seasonality changes (docs/accuracy.md, "Seasonal periods from the data"): the
 * default request ({@code selection: best}, default model) with each series' frequency given, on every
 * series-window of the two dev sets whose frequency the changes touch: business days (B: the season 5 is now
 * tested) and daily or finer data (D, H, min: the longer cycle's candidates). Every other series takes the
 * same code path as before. Prints one line per series-window (MASE, the method that answered) and the
 * geometric mean MASE; run it on this version and on the one before and compare.
 *
 * <pre>
 * ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.seqcast.bench.SeasonalityDevCheck \
 *     -Dbench.args="/work/shared/datasets /work/shared/datasets/extended"
 * </pre>
 */
public final class SeasonalityDevCheck {

    record Window(String id, double[] history, double[] actual, double scale, Frequency frequency) {
    }

    public static void main(String[] args) throws IOException {
        Path classic = Path.of(args[0]);
        Path extended = Path.of(args[1]);
        List<Window> windows = new ArrayList<>();
        for (int w = 0; w < 5; w++) {
            for (PublicDatasets.Entry e : PublicDatasets.load(classic)) {
                Frequency f = frequency(e.perYear());
                if (!touched(f)) {
                    continue;
                }
                var shifted = e.shiftedBack(w);
                if (shifted.isEmpty()) {
                    continue;
                }
                PublicDatasets.Entry s = shifted.get();
                double[] all = s.series().values();
                double[] history = Arrays.copyOf(all, all.length - s.holdout());
                double[] actual = Arrays.copyOfRange(all, all.length - s.holdout(), all.length);
                double scale = Metrics.mae(Arrays.copyOfRange(history, s.season(), history.length),
                        Arrays.copyOf(history, history.length - s.season()));
                windows.add(new Window(s.series().id(), history, actual, scale, f));
            }
        }
        List<String> protocol = Files.readAllLines(extended.resolve("protocol.csv"));
        for (String line : protocol.subList(1, protocol.size())) {
            String[] c = line.split(",");
            Frequency f = frequency(Double.parseDouble(c[3]));
            if (!c[12].equals("ok") || !touched(f)) {
                continue;
            }
            double[] values = Files.readAllLines(extended.resolve("series").resolve(c[0] + ".csv")).stream().skip(1)
                    .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
            int train = Integer.parseInt(c[7]);
            int from = Integer.parseInt(c[8]) - 1;
            int to = Integer.parseInt(c[9]);
            windows.add(new Window(c[0] + "#w" + c[1], Arrays.copyOf(values, train), Arrays.copyOfRange(values, from, to),
                    Double.parseDouble(c[10]), f));
        }
        Path modelDir = Path.of("src/main/resources/models/default/1");
        SeqToOneModel model = ModelWeights.read(modelDir.resolve("model.safetensors"));
        ModelManifest manifest = ManifestJson.read(Files.readAllBytes(modelDir.resolve("manifest.json")));
        double logSum = 0;
        try (ComputeContext compute = new ComputeContext(KernelsProvider.select("auto"), 0)) {
            RollingOriginSelector selector = new RollingOriginSelector(compute, new GapFiller(), 40);
            for (Window w : windows) {
                Prediction p = selector.predict(model, manifest, List.of(new SeriesData(w.id(), w.history(), null)),
                        w.actual().length, List.of(80.0, 95.0), w.frequency(), RollingOriginSelector.Policy.BEST).get(0);
                double mase = Metrics.mae(w.actual(), p.mean()) / w.scale();
                logSum += Math.log(mase);
                System.out.printf(Locale.ROOT, "%-28s %-4s %8.4f %s%n", w.id(), w.frequency().code(), mase,
                        p.selection() == null ? "-" : p.selection().method());
            }
        }
        System.out.printf(Locale.ROOT, "%d series-windows, geometric mean MASE %.4f%n", windows.size(),
                Math.exp(logSum / windows.size()));
    }

    /** The frequency R's observations per year stand for (null for yearly and other). */
    static Frequency frequency(double perYear) {
        if (perYear == 12) {
            return Frequency.MONTHLY;
        }
        if (perYear == 4) {
            return Frequency.QUARTERLY;
        }
        if (perYear == 52) {
            return Frequency.WEEKLY;
        }
        if (perYear == 365) {
            return Frequency.DAILY;
        }
        return perYear == 260 || perYear == 248 || perYear == 250 ? Frequency.BUSINESS_DAILY : null;
    }

    private static boolean touched(Frequency f) {
        return f != null && (f.unit() == Frequency.Unit.BUSINESS_DAY || f.unit() == Frequency.Unit.DAY
                || f.unit() == Frequency.Unit.HOUR || f.unit() == Frequency.Unit.MINUTE);
    }
}
