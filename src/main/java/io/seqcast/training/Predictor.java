package io.seqcast.training;

import io.seqcast.nn.SeqToOneModel;
import io.seqcast.registry.ModelManifest;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.Scaler;
import io.seqcast.series.SeasonPhase;
import io.seqcast.series.Seasonality;
import io.seqcast.series.TimeAxis;
import io.seqcast.series.SeriesData;
import io.seqcast.series.WindowEncoder;
import io.seqcast.tensor.ComputeContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a fitted model to series exactly as {@link ModelFitter} fitted it: gap filling, the same
 * {@link WindowEncoder}, one batched forward pass for all series, unscaling, and conformal
 * prediction intervals from the manifest's residual quantiles ({@code mean ± q_step(level)} in model
 * units, mapped back through the window's or series' scaler, so they scale per series).
 *
 * <p>A horizon beyond the model's own is forecast recursively: the forecasts are appended to the
 * series and the model runs again from the new end. Interval half-widths for those extra steps grow
 * with the square root of the step (the last calibrated step's quantile times
 * {@code sqrt(step / modelHorizon)}): an approximation, flagged by {@link Prediction#extendedFrom()}.
 * Thread-safe.
 */
public final class Predictor {

    private final ComputeContext compute;
    private final GapFiller gapFiller;

    public Predictor(ComputeContext compute, GapFiller gapFiller) {
        this.compute = compute;
        this.gapFiller = gapFiller;
    }

    /** As {@link #predict(SeqToOneModel, ModelManifest, List, int, List, Frequency)} without a request frequency. */
    public List<Prediction> predict(SeqToOneModel model, ModelManifest manifest, List<SeriesData> series,
                                    int horizon, List<Double> levels) {
        return predict(model, manifest, series, horizon, levels, null);
    }

    /**
     * @param horizon steps to forecast, {@code >= 1}
     * @param levels interval levels in percent, each in [1, 99]
     * @param requestFrequency the frequency the client gave, or {@code null}; a model whose manifest
     *     has season length 0 (a global model over many frequencies) infers each series' season from
     *     it, else from the series' timestamps, else from its autocorrelation
     */
    public List<Prediction> predict(SeqToOneModel model, ModelManifest manifest, List<SeriesData> series,
                                    int horizon, List<Double> levels, Frequency requestFrequency) {
        ModelManifest.Architecture arch = manifest.architecture();
        ModelManifest.Preprocessing pre = manifest.preprocessing();
        WindowEncoder.Normalization normalization = WindowEncoder.Normalization.parse(pre.normalization());
        Frequency modelFrequency = manifest.frequency() == null ? null : Frequency.parse(manifest.frequency());
        int count = series.size();
        int modelHorizon = arch.horizon();
        int window = arch.window();
        int features = arch.inputSize();
        java.util.Map<Integer, WindowEncoder> encoders = new java.util.HashMap<>();
        WindowEncoder[] encoderOf = new WindowEncoder[count];

        double[][] history = new double[count][];
        int[] phases = new int[count];
        Scaler[] seriesScalers = new Scaler[count];
        int[] padded = new int[count];
        for (int i = 0; i < count; i++) {
            SeriesData s = series.get(i);
            double[] filled = gapFiller.fill(s.id(), s.values());
            history[i] = Arrays.copyOf(filled, filled.length + horizon + modelHorizon);
            Frequency frequency = requestFrequency != null ? requestFrequency
                    : s.timestamps() != null && s.timestamps().size() >= 3 ? TimeAxis.infer(s.timestamps()).frequency()
                    : modelFrequency;
            int season = pre.seasonLength() > 0 ? pre.seasonLength() : Seasonality.infer(filled, frequency);
            encoderOf[i] = encoders.computeIfAbsent(season, k -> new WindowEncoder(window, k, pre.seasonalFeatures(),
                    normalization, pre.seasonalBaseline(), normalization == WindowEncoder.Normalization.WINDOW && pre.log1p()));
            if (encoderOf[i].features() != features) {
                throw new IllegalStateException("model " + manifest.name() + " takes " + features
                        + " input features but its manifest's preprocessing gives " + encoderOf[i].features());
            }
            phases[i] = s.timestamps() == null || s.timestamps().isEmpty() ? 0
                    : SeasonPhase.of(s.timestamps().get(0), frequency, season);
            padded[i] = Math.max(0, window - filled.length);
            if (normalization == WindowEncoder.Normalization.SERIES) {
                seriesScalers[i] = seriesScaler(pre, s.id(), filled);
            }
        }
        int[] length = new int[count];
        for (int i = 0; i < count; i++) {
            length[i] = series.get(i).values().length;
        }

        double[][] meanZ = new double[count][horizon];
        Scaler[][] stepScaler = new Scaler[count][horizon];
        float[] input = new float[count * window * features];
        float[] out = new float[count * modelHorizon];
        float[] baseline = new float[count * modelHorizon];
        Scaler[] scalers = new Scaler[count];
        for (int done = 0; done < horizon; done += modelHorizon) {
            for (int i = 0; i < count; i++) {
                int cut = length[i] + done;
                WindowEncoder encoder = encoderOf[i];
                scalers[i] = encoder.encode(history[i], cut, phases[i], seriesScalers[i], input, i * window * features);
                encoder.baseline(input, i * window * features, modelHorizon, baseline, i * modelHorizon);
            }
            model.predict(compute, input, count, window, out);
            int steps = Math.min(modelHorizon, horizon - done);
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < steps; k++) {
                    double z = out[i * modelHorizon + k] + baseline[i * modelHorizon + k];
                    meanZ[i][done + k] = z;
                    stepScaler[i][done + k] = scalers[i];
                    // Feed the forecast back for a recursive continuation.
                    history[i][length[i] + done + k] = scalers[i].inverse(z);
                }
            }
        }

        List<Prediction> predictions = new ArrayList<>(count);
        ModelManifest.Intervals calibration = manifest.intervals();
        for (int i = 0; i < count; i++) {
            double[] mean = Arrays.copyOfRange(history[i], length[i], length[i] + horizon);
            List<Prediction.Interval> intervals = new ArrayList<>();
            for (double level : levels) {
                double[] lower = new double[horizon];
                double[] upper = new double[horizon];
                for (int k = 0; k < horizon; k++) {
                    double q = halfWidth(calibration, k, modelHorizon, level);
                    Scaler s = stepScaler[i][k];
                    // Through the scaler in model units: with log1p the interval is asymmetric in data units.
                    double a = s.inverse(meanZ[i][k] - q);
                    double b = s.inverse(meanZ[i][k] + q);
                    lower[k] = Math.min(a, b);
                    upper[k] = Math.max(a, b);
                }
                intervals.add(new Prediction.Interval(level, lower, upper));
            }
            predictions.add(new Prediction(series.get(i).id(), mean, intervals,
                    horizon > modelHorizon ? modelHorizon : 0, padded[i]));
        }
        return predictions;
    }

    private static double halfWidth(ModelManifest.Intervals calibration, int step, int modelHorizon, double level) {
        if (calibration == null || calibration.quantiles().isEmpty()) {
            return 0;
        }
        int calibrated = Math.min(step, modelHorizon - 1);
        double q = ResidualQuantiles.at(calibration.levels(), calibration.quantiles().get(calibrated), level);
        if (step >= modelHorizon) {
            q *= Math.sqrt((step + 1.0) / modelHorizon);
        }
        return q;
    }

    private static Scaler seriesScaler(ModelManifest.Preprocessing pre, String id, double[] values) {
        ModelManifest.ScalerParams stored = pre.seriesScalers().get(id);
        if (stored != null) {
            return new Scaler(Scaler.Kind.parse(stored.kind()), stored.log1p(), stored.center(), stored.scale());
        }
        boolean log1p = pre.log1p() && Scaler.log1pAllowed(values);
        return Scaler.fit(Scaler.Kind.parse(pre.scaler()), log1p, values);
    }
}
