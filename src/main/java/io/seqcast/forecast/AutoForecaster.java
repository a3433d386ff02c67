package io.seqcast.forecast;

import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelManifest;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.SeriesData;
import io.seqcast.training.FitConfig;
import io.seqcast.training.FitResult;
import io.seqcast.training.ModelFitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code "model": "auto"}: fits a small GRU on the request's own series within the configured time
 * budget ({@link BudgetListener}) and either keeps it for this request only or registers it as
 * {@code auto-<hash>}. The fit sees at most the last {@value #MAX_TAIL} points of each series and
 * at most {@value #MAX_TOTAL} points in all (the newest data matters most and memory stays bounded);
 * long series are cut into training windows with a stride that keeps about {@value #MAX_WINDOWS}
 * of them.
 */
final class AutoForecaster {

    private static final Logger log = LoggerFactory.getLogger(AutoForecaster.class);

    static final int MAX_TAIL = 2_000;
    static final int MAX_TOTAL = 100_000;
    static final int MAX_WINDOWS = 20_000;

    /** The model that will serve, and how it was made ({@code fit} is {@code null} after a fallback). */
    record Outcome(LoadedModel model, boolean ephemeral, ForecastResult.AutoFit fit) {
    }

    private final ModelFitter fitter;
    private final ModelRegistry registry;
    private final ForecastProperties.Auto properties;

    AutoForecaster(ModelFitter fitter, ModelRegistry registry, ForecastProperties.Auto properties) {
        this.fitter = fitter;
        this.registry = registry;
        this.properties = properties;
    }

    /**
     * Fits a model to {@code series} (already validated and gap-checked), or returns {@code null} with
     * the reason in {@code fallbackReason[0]} when the series are too short for a model of their own.
     */
    Outcome fit(List<SeriesData> series, int horizon, String frequencyCode, long startNanos, String[] fallbackReason) {
        return fit(series, horizon, frequencyCode, startNanos, properties.budget().toNanos(), properties.register(),
                fallbackReason);
    }

    /**
     * As {@link #fit(List, int, String, long, String[])} with an explicit budget (from {@code startNanos})
     * and registration choice: a backtest fits one model per origin, each ephemeral.
     */
    Outcome fit(List<SeriesData> series, int horizon, String frequencyCode, long startNanos, long budgetNanos,
                boolean register, String[] fallbackReason) {
        List<SeriesData> tails = new ArrayList<>(series.size());
        int perSeries = Math.max(1, Math.min(MAX_TAIL, MAX_TOTAL / series.size()));
        long windows = 0;
        for (SeriesData s : series) {
            SeriesData t = tail(s, perSeries);
            tails.add(t);
            windows += t.length();
        }
        int stride = (int) Math.max(1, (windows * 7 / 10 + MAX_WINDOWS - 1) / MAX_WINDOWS);
        FitConfig defaults = FitConfig.defaults(horizon);
        FitConfig config = new FitConfig(defaults.cell(), properties.hidden(), 1, 0, horizon, properties.maxEpochs(),
                defaults.batchSize(), defaults.learningRate(), defaults.loss(), defaults.seed(),
                defaults.validationFraction(), properties.patience(), defaults.normalization(), defaults.scaler(),
                defaults.log1p(), 0, frequencyCode, defaults.seasonalFeatures(), true, stride,
                defaults.seasonalBaseline());
        BudgetListener budget = new BudgetListener(startNanos + budgetNanos);
        FitResult result;
        try {
            result = fitter.fit(tails, config, budget);
        } catch (InvalidSeriesException e) {
            fallbackReason[0] = e.getMessage();
            return null;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        ModelManifest manifest = result.manifest();
        ModelManifest.Validation validation = manifest.validation();
        ForecastResult.AutoFit fit = new ForecastResult.AutoFit(false, null, millis,
                result.training().epochs().size(), result.refitEpochs(), budget.stopped(),
                validation == null ? null : finite(validation.model().mase()),
                validation == null ? null : finite(validation.seasonalNaive().mase()));
        log.debug("auto model: {} series, {} epochs + {} refit in {} ms (budget stop: {})", series.size(),
                fit.epochs(), fit.refitEpochs(), millis, budget.stopped());
        if (register) {
            String name = "auto-" + hash(series, horizon, frequencyCode);
            byte[] weights = ModelWeights.toSafeTensors(result.model(), Map.of("seqcast_model", name));
            LoadedModel registered = registry.register(name, weights, manifest.withRegistration(name, 0, null));
            return new Outcome(registered, false, fit);
        }
        LoadedModel ephemeral = new LoadedModel("auto", 0, manifest.withRegistration("auto", 0, null),
                result.model(), Instant.now());
        return new Outcome(ephemeral, true, fit);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static SeriesData tail(SeriesData s, int points) {
        int n = s.length();
        if (n <= points) {
            return s;
        }
        double[] values = java.util.Arrays.copyOfRange(s.values(), n - points, n);
        List<String> timestamps = s.timestamps() == null ? null : s.timestamps().subList(n - points, n);
        return new SeriesData(s.id(), values, timestamps);
    }

    /** The first 12 hex digits of SHA-256 over the horizon, frequency, ids and values. */
    static String hash(List<SeriesData> series, int horizon, String frequency) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.allocate(4).putInt(horizon).array());
            digest.update(String.valueOf(frequency).getBytes(StandardCharsets.UTF_8));
            for (SeriesData s : series) {
                digest.update(s.id().getBytes(StandardCharsets.UTF_8));
                ByteBuffer values = ByteBuffer.allocate(8 * s.length());
                for (double v : s.values()) {
                    values.putDouble(v);
                }
                digest.update(values.array());
                if (s.timestamps() != null) {
                    digest.update(String.join(",", s.timestamps()).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
