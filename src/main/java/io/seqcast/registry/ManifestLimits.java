package io.seqcast.registry;

import io.seqcast.nn.ModelSpec;
import io.seqcast.series.WindowEncoder;

import java.util.List;

/**
 * The bounds a manifest must keep before anything is allocated for it: every number that sizes an
 * array (the architecture's window, input size, hidden size, layers and horizon; the season length;
 * the interval table) is checked here, so a hostile or mistaken model card is a 422 naming the
 * field instead of a {@code NegativeArraySizeException} or an out-of-memory. Applied where a
 * manifest is read ({@link ManifestJson#read}) and again before a model is loaded
 * ({@link ModelLoader#load}), which also covers manifests built in code (training, auto fits).
 *
 * <p>Architecture bounds: {@code window} 1 to {@value #MAX_WINDOW}; {@code inputSize},
 * {@code hiddenSize}, {@code numLayers} and {@code horizon} as {@link ModelSpec} ({@value ModelSpec#MAX_INPUT},
 * {@value ModelSpec#MAX_HIDDEN}, {@value ModelSpec#MAX_LAYERS}, {@value ModelSpec#MAX_HORIZON}); the
 * weights' own size is bounded by {@code seqcast.registry.max-upload-bytes}.
 */
final class ManifestLimits {

    /**
     * Largest input window. Four times the largest window training may choose (512): a served
     * request holds one window per series and rolling origin, so this keeps that buffer in the tens
     * of megabytes at the request limits.
     */
    static final int MAX_WINDOW = 2048;

    /** Largest fixed season length (hourly data over a year is 8,766). */
    static final int MAX_SEASON_LENGTH = 10_000;

    private ManifestLimits() {
    }

    /** @throws InvalidModelException naming the first field out of bounds */
    static void check(ModelManifest manifest) {
        ModelManifest.Architecture a = manifest.architecture();
        if (a == null) {
            throw new InvalidModelException("manifest has no architecture (cell, inputSize, hiddenSize, numLayers, window, horizon)");
        }
        range("architecture.window", a.window(), 1, MAX_WINDOW);
        range("architecture.inputSize", a.inputSize(), 1, ModelSpec.MAX_INPUT);
        range("architecture.hiddenSize", a.hiddenSize(), 1, ModelSpec.MAX_HIDDEN);
        range("architecture.numLayers", a.numLayers(), 1, ModelSpec.MAX_LAYERS);
        range("architecture.horizon", a.horizon(), 1, ModelSpec.MAX_HORIZON);
        try {
            a.spec();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("manifest architecture is invalid: " + e.getMessage());
        }
        preprocessing(manifest.preprocessing(), a);
        intervals(manifest.intervals(), a.horizon());
    }

    private static void preprocessing(ModelManifest.Preprocessing pre, ModelManifest.Architecture a) {
        try {
            WindowEncoder.Normalization.parse(pre.normalization());
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("manifest preprocessing.normalization: " + e.getMessage());
        }
        range("preprocessing.seasonLength", pre.seasonLength(), 0, MAX_SEASON_LENGTH);
        // What the encoder feeds the network: the value, plus sin and cos of the season position.
        int features = pre.seasonalFeatures() ? 3 : 1;
        if (a.inputSize() != features) {
            throw new InvalidModelException("manifest architecture.inputSize is " + a.inputSize()
                    + " but preprocessing gives " + features + " input feature(s) (seasonalFeatures "
                    + pre.seasonalFeatures() + "): they must agree");
        }
    }

    private static void intervals(ModelManifest.Intervals intervals, int horizon) {
        if (intervals == null || intervals.quantiles().isEmpty()) {
            return; // no calibration: point forecasts with zero-width intervals
        }
        List<Double> levels = intervals.levels();
        if (levels.isEmpty() || levels.size() > 99) {
            throw new InvalidModelException("manifest intervals.levels must hold 1 to 99 levels, got " + levels.size());
        }
        double previous = 0;
        for (int i = 0; i < levels.size(); i++) {
            Double level = levels.get(i);
            if (level == null || !(level > previous) || !(level < 100)) {
                throw new InvalidModelException("manifest intervals.levels[" + i + "] must be ascending within (0, 100), got "
                        + level);
            }
            previous = level;
        }
        if (intervals.quantiles().size() != horizon) {
            throw new InvalidModelException("manifest intervals.quantiles must have one row per horizon step ("
                    + horizon + "), got " + intervals.quantiles().size());
        }
        for (int step = 0; step < horizon; step++) {
            List<Double> row = intervals.quantiles().get(step);
            if (row.size() != levels.size()) {
                throw new InvalidModelException("manifest intervals.quantiles[" + step + "] must have one value per level ("
                        + levels.size() + "), got " + row.size());
            }
            for (int i = 0; i < row.size(); i++) {
                Double q = row.get(i);
                if (q == null || !Double.isFinite(q) || q < 0) {
                    throw new InvalidModelException("manifest intervals.quantiles[" + step + "][" + i
                            + "] must be a finite number at least 0, got " + q);
                }
            }
        }
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidModelException("manifest " + field + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
