package io.seqcast.registry;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The model card that travels with a version's weights: how the model was built, how to feed it,
 * how good it was, and how wide its prediction intervals are. Stored as {@code manifest.json} beside
 * {@code model.safetensors}; immutable once the version is registered.
 *
 * @param name model name ({@link ModelNames})
 * @param version version number, 1, 2, 3...; 0 before registration assigns it
 * @param format manifest format, {@value #FORMAT}
 * @param architecture the network's shape
 * @param preprocessing how series become model inputs and outputs become forecasts; when absent,
 *     {@link Preprocessing#DEFAULT} (a PyTorch model uploaded with an architecture only)
 * @param frequency the data's frequency when known (e.g. {@code M}), else {@code null}
 * @param training the training configuration that produced the weights (free-form, for the record)
 * @param data what the model was trained on
 * @param validation accuracy on the held-out end of each series, with seasonal naive beside it
 * @param intervals calibration for prediction intervals
 * @param createdAt when the version was made
 * @param sha256 hex SHA-256 of {@code model.safetensors}; set by the registry
 * @param description free text
 */
public record ModelManifest(
        String name,
        int version,
        String format,
        Architecture architecture,
        Preprocessing preprocessing,
        String frequency,
        Map<String, Object> training,
        DataSummary data,
        Validation validation,
        Intervals intervals,
        Instant createdAt,
        String sha256,
        String description) {

    public static final String FORMAT = "seqcast-manifest/1";

    public ModelManifest {
        training = training == null ? Map.of() : Map.copyOf(training);
        format = format == null ? FORMAT : format;
        // Optional blocks are defaulted here, where every manifest is made (JSON, training, code), so
        // no reader meets a null block.
        preprocessing = preprocessing == null ? Preprocessing.DEFAULT : preprocessing;
    }

    /** The network's shape; {@code window} is the number of input steps it was trained on. */
    public record Architecture(String cell, int inputSize, int hiddenSize, int numLayers, int window, int horizon) {

        public ModelSpec spec() {
            return new ModelSpec(CellType.parse(cell), inputSize, hiddenSize, numLayers, horizon);
        }
    }

    /**
     * How a series becomes the model's input. A missing field takes its default: {@code normalization}
     * {@code window}, {@code scaler} {@code none}, {@code windowLevel} {@code last}, {@code baseline}
     * {@code none} (and {@code false} or 0 for the others).
     *
     * @param normalization {@code window}: each input window is scaled by its own level and scale
     *     (a global model that forecasts unseen series); {@code series}: a scaler fitted per series
     * @param scaler scaler kind for {@code series} normalization ({@code standard}, {@code robust},
     *     {@code minmax}, {@code none})
     * @param log1p whether {@code log1p} is applied before scaling
     * @param windowLevel {@code last} or {@code mean}: the level of {@code window} normalization
     * @param seasonLength season length the model was built for; 1 when not seasonal
     * @param seasonalFeatures whether the inputs carry sin/cos season-position features
     * @param seriesScalers fitted scalers of the training series by series id (for {@code series}
     *     normalization); a series not listed is scaled by a scaler fitted on its own history
     * @param baseline {@code seasonal-naive}: the network predicts the departure from the seasonal
     *     naive forecast of its input window; {@code none}: the values themselves
     */
    public record Preprocessing(String normalization, String scaler, boolean log1p, String windowLevel,
                                int seasonLength, boolean seasonalFeatures, Map<String, ScalerParams> seriesScalers,
                                String baseline) {

        /**
         * The block a manifest without one gets: each window scaled by its own last value and scale,
         * one input feature (the value), no season, no baseline.
         */
        public static final Preprocessing DEFAULT = new Preprocessing("window", "none", false, "last", 1, false,
                Map.of(), "none");

        public Preprocessing {
            normalization = normalization == null ? "window" : normalization;
            scaler = scaler == null ? "none" : scaler;
            windowLevel = windowLevel == null ? "last" : windowLevel;
            seriesScalers = seriesScalers == null ? Map.of() : Map.copyOf(seriesScalers);
            baseline = baseline == null ? "none" : baseline;
        }

        /** Whether outputs are departures from the window's seasonal-naive forecast. */
        public boolean seasonalBaseline() {
            return "seasonal-naive".equals(baseline);
        }
    }

    /** A fitted scaler's parameters: {@code z = (g(x) - center) / scale}, {@code g = log1p} or identity. */
    public record ScalerParams(String kind, boolean log1p, double center, double scale) {
    }

    /**
     * The training data in brief.
     *
     * @param seriesCount number of series
     * @param minLength shortest series
     * @param maxLength longest series
     * @param trainWindows windows trained on
     * @param validationWindows windows validated on
     * @param firstTimestamp earliest timestamp when known, else {@code null}
     * @param lastTimestamp latest timestamp when known, else {@code null}
     */
    public record DataSummary(int seriesCount, int minLength, int maxLength, int trainWindows,
                              int validationWindows, String firstTimestamp, String lastTimestamp) {
    }

    /** Accuracy of the model and of seasonal naive on the same validation windows. */
    public record Validation(Accuracy model, Accuracy seasonalNaive, int windows) {
    }

    /** Point-forecast accuracy: MAE and RMSE in the data's units, sMAPE in percent, MASE. */
    public record Accuracy(double mae, double rmse, double smape, double mase) {
    }

    /**
     * Conformal calibration: for every horizon step, quantiles of the absolute forecast error in
     * normalised units (divided by each series' or window's scale), at the coverage levels
     * {@code levels} (percent). An interval at level L is {@code mean ± q_step(L) * scale}.
     *
     * @param levels coverage levels in percent, ascending (e.g. 1..99)
     * @param quantiles {@code [horizon][levels.size()]} absolute normalised error quantiles
     * @param samples number of residuals per step they were computed from
     * @param method how the residuals were obtained (e.g. {@code rolling-origin validation})
     */
    public record Intervals(List<Double> levels, List<List<Double>> quantiles, int samples, String method) {

        public Intervals {
            levels = List.copyOf(levels);
            quantiles = quantiles.stream().map(List::copyOf).toList();
        }
    }

    /** This manifest with registry-assigned fields. */
    public ModelManifest withRegistration(String name, int version, String sha256) {
        return new ModelManifest(name, version, format, architecture, preprocessing, frequency, training, data,
                validation, intervals, createdAt == null ? Instant.now() : createdAt, sha256, description);
    }
}
