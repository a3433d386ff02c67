package io.seqcast.training;

import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.registry.ModelManifest;
import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Trains the bundled default model, reproducibly:
 * <pre>./mvnw -q -Pdefault-model compile exec:exec [-Ddefault-model.extended=DIR]</pre>
 * (arguments: the 25 datasets, the output folder, the extended development series' folder; the
 * {@code default-model} profile passes the project's shared {@code datasets/extended} folder unless
 * {@code default-model.extended} names another; docs/accuracy.md has the command and what the model scores).
 * A global GRU, window-normalised with a seasonal-naive skip and per-series seasons, so it forecasts
 * any series zero-shot, over: the real series of docs/accuracy.md's two evaluations, each only
 * before its earliest evaluated window ({@link #realHistories}: no evaluated point is ever trained
 * on), cut to their newest {@value #MAX_REAL_LENGTH} points; and seeded {@link SyntheticSeries}.
 * Every setting can be overridden for experiments ({@code -Dseqcast.default-model.hidden=64},
 * {@code .window}, {@code .epochs}, {@code .stride}, {@code .synthetic}, {@code .cell}, {@code .seed},
 * {@code .refit}, {@code .no-real}, {@code .exclude}). Writes {@code model.safetensors} and
 * {@code manifest.json} into the output folder.
 */
public final class DefaultModelTrainer {

    /** The configuration of the default model; the seed makes the weights reproducible bit for bit on one backend. */
    static FitConfig config() {
        return new FitConfig(System.getProperty("seqcast.default-model.cell", "GRU"),
                Integer.getInteger("seqcast.default-model.hidden", 32), 1,
                Integer.getInteger("seqcast.default-model.window", 36), 24,
                Integer.getInteger("seqcast.default-model.epochs", 12), 64, 2e-3f, "huber",
                Long.getLong("seqcast.default-model.seed", 2026), 0.2, 6, "window", "standard", false, 0, null, true,
                Boolean.getBoolean("seqcast.default-model.refit"), Integer.getInteger("seqcast.default-model.stride", 4),
                true);
    }

    /** Real series are cut to their newest points so that a few long ones do not outweigh the many short ones. */
    static final int MAX_REAL_LENGTH = 600;

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "src/test/resources/datasets");
        Path out = Path.of(args.length > 1 ? args[1] : "src/main/resources/models/default/1");
        String extendedArg = args.length > 2 ? args[2] : System.getProperty("seqcast.default-model.extended");
        if (extendedArg == null || extendedArg.isBlank()) {
            throw new IllegalArgumentException("the extended series' folder is the third argument "
                    + "(or -Dseqcast.default-model.extended=DIR); the default-model profile passes it");
        }
        Path extended = Path.of(extendedArg);
        // Leaving series out (-Dseqcast.default-model.exclude=a,b) trains cross-validation folds.
        Set<String> excluded = Set.of(System.getProperty("seqcast.default-model.exclude", "").split(","));
        List<SeriesData> series = new ArrayList<>();
        int real = 0;
        if (!Boolean.getBoolean("seqcast.default-model.no-real")) {
            for (SeriesData s : realHistories(datasets, extended)) {
                if (!excluded.contains(s.id())) {
                    real++;
                    SeriesData recent = s.length() > MAX_REAL_LENGTH ? ExtendedDatasets.cut(s.length() - MAX_REAL_LENGTH, s) : s;
                    // With a stride above 1 (for the many synthetic series), each real series is also added
                    // ending 1..stride-1 points earlier, so that it still gives every one of its windows.
                    for (int k = 0; k < config().stride() && recent.length() - k >= PublicDatasets.MIN_TRAINING_HISTORY; k++) {
                        series.add(ExtendedDatasets.cut(recent, recent.length() - k));
                    }
                }
            }
        }
        int synthetic = Integer.getInteger("seqcast.default-model.synthetic", 8_000);
        series.addAll(SyntheticSeries.generate(synthetic, 7));
        try (ComputeContext compute = new ComputeContext(KernelsProvider.select("auto"), 0)) {
            long start = System.nanoTime();
            FitResult fit = new ModelFitter(compute, new GapFiller()).fit(series, config(), new TrainingListener() {
                @Override
                public void onEpoch(EpochReport r) {
                    System.out.printf("epoch %d: train %.5f validation %.5f (%.1f s)%n", r.epoch(), r.trainLoss(),
                            r.validationLoss(), r.nanos() / 1e9);
                }
            });
            byte[] weights = ModelWeights.toSafeTensors(fit.model(), Map.of("seqcast_model", "default"));
            ModelManifest manifest = new ModelManifest("default", 1, ModelManifest.FORMAT,
                    fit.manifest().architecture(), fit.manifest().preprocessing(), fit.manifest().frequency(),
                    fit.manifest().training(), fit.manifest().data(), fit.manifest().validation(),
                    fit.manifest().intervals(), fit.manifest().createdAt(), sha256(weights),
                    "seqcast's bundled zero-shot model: a global " + config().cell() + " over " + real + " real series "
                            + "(each before its earliest evaluated window) and " + synthetic + " synthetic series; "
                            + "window-normalised, seasonal-naive skip, per-series seasons. Trained by DefaultModelTrainer.");
            Files.createDirectories(out);
            Files.write(out.resolve("model.safetensors"), weights);
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(out.resolve("manifest.json"), mapper.writeValueAsString(manifest) + "\n");
            System.out.printf("wrote %s (%d series, %d training windows, %.1f s); validation MASE %.3f vs seasonal naive %.3f%n",
                    out, series.size(), fit.manifest().data().trainWindows(), (System.nanoTime() - start) / 1e9,
                    fit.manifest().validation().model().mase(), fit.manifest().validation().seasonalNaive().mase());
        }
    }

    /**
     * The real series a model evaluated on every window of docs/accuracy.md may see: the 25 of
     * {@code datasets}, each before the start of its earliest (fifth) evaluated window, and the
     * extended series before their earliest (second) window. Never a point of an evaluated window.
     */
    static List<SeriesData> realHistories(Path datasets, Path extended) {
        List<SeriesData> out = new ArrayList<>();
        for (PublicDatasets.Entry e : PublicDatasets.load(datasets)) {
            PublicDatasets.Entry earliest = e;
            for (int w = 1; w < EVALUATED_WINDOWS; w++) {
                earliest = e.shiftedBack(w).orElse(earliest);
            }
            SeriesData history = earliest.history();
            if (history.length() >= PublicDatasets.MIN_TRAINING_HISTORY) {
                out.add(new SeriesData(e.series().id(), history.values(), history.timestamps()));
            }
        }
        // The bundled model is trained on these too: without them it would not be the one measured, so no silent skip.
        if (!Files.isDirectory(extended)) {
            throw new IllegalArgumentException("no extended series folder at " + extended.toAbsolutePath()
                    + " (-Ddefault-model.extended=DIR)");
        }
        out.addAll(ExtendedDatasets.trainingHistories(extended));
        return out;
    }

    /** Windows per series of {@code datasets} that docs/accuracy.md evaluates on. */
    static final int EVALUATED_WINDOWS = 5;

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
