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
        return predict(model, manifest, series, new int[series.size()][0], horizon, levels, requestFrequency)
                .predictions();
    }

    /**
     * Today's predictions and, per series and origin, what the model would have forecast from that
     * origin with only {@code values[0, origin)} known.
     *
     * @param predictions as {@link #predict(SeqToOneModel, ModelManifest, List, int, List, Frequency)}
     * @param fromOrigins {@code [series][origin][step]} in data units
     */
    public record WithOrigins(List<Prediction> predictions, double[][][] fromOrigins) {
    }

    /**
     * As {@link #predict(SeqToOneModel, ModelManifest, List, int, List, Frequency)}, plus forecasts from
     * earlier origins, all in one batched pass. The series are gap-filled once, whole (an origin sees
     * nothing at or after it except its timestamps' seasonal phase).
     *
     * @param origins per series, the origins to forecast from, each in {@code [1, length]}
     */
    public WithOrigins predict(SeqToOneModel model, ModelManifest manifest, List<SeriesData> series, int[][] origins,
                               int horizon, List<Double> levels, Frequency requestFrequency) {
        int count = series.size();
        int[][] cuts = new int[count][];
        for (int i = 0; i < count; i++) {
            cuts[i] = Arrays.copyOf(origins[i], origins[i].length + 1);
            cuts[i][origins[i].length] = series.get(i).length();
        }
        Rows rows = forecast(model, manifest, series, cuts, horizon, requestFrequency);
        int modelHorizon = manifest.architecture().horizon();
        List<Prediction> predictions = new ArrayList<>(count);
        double[][][] fromOrigins = new double[count][][];
        for (int i = 0; i < count; i++) {
            int today = origins[i].length;
            predictions.add(new Prediction(series.get(i).id(), rows.mean()[i][today],
                    intervals(manifest, rows, i, today, horizon, levels), horizon > modelHorizon ? modelHorizon : 0,
                    rows.padded()[i]));
            fromOrigins[i] = Arrays.copyOf(rows.mean()[i], today);
        }
        return new WithOrigins(predictions, fromOrigins);
    }

    /**
     * Per series and cut: the forecast in data units, in model units, and the scaler of each step
     * (for intervals); per series: the gap-filled values and the padded input steps of the last cut.
     */
    private record Rows(double[][][] mean, double[][][] meanZ, Scaler[][][] stepScaler, int[] padded) {
    }

    private Rows forecast(SeqToOneModel model, ModelManifest manifest, List<SeriesData> series, int[][] cuts,
                          int horizon, Frequency requestFrequency) {
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

        double[][] filledOf = new double[count][];
        int[] phases = new int[count];
        Scaler[] seriesScalers = new Scaler[count];
        int[] padded = new int[count];
        int rowCount = 0;
        for (int i = 0; i < count; i++) {
            SeriesData s = series.get(i);
            double[] filled = gapFiller.fill(s.id(), s.values());
            filledOf[i] = filled;
            Frequency frequency = frequency(s, requestFrequency, modelFrequency);
            int season = pre.seasonLength() > 0 ? pre.seasonLength() : Seasonality.infer(filled, frequency);
            encoderOf[i] = encoders.computeIfAbsent(season, k -> new WindowEncoder(window, k, pre.seasonalFeatures(),
                    normalization, pre.seasonalBaseline(), normalization == WindowEncoder.Normalization.WINDOW && pre.log1p()));
            if (encoderOf[i].features() != features) {
                throw new IllegalStateException("model " + manifest.name() + " takes " + features
                        + " input features but its manifest's preprocessing gives " + encoderOf[i].features());
            }
            phases[i] = s.timestamps() == null || s.timestamps().isEmpty() ? 0
                    : SeasonPhase.of(s.timestamps().get(0), frequency, season);
            int lastCut = cuts[i].length == 0 ? filled.length : cuts[i][cuts[i].length - 1];
            padded[i] = Math.max(0, window - lastCut);
            if (normalization == WindowEncoder.Normalization.SERIES) {
                seriesScalers[i] = seriesScaler(pre, s.id(), filled);
            }
            rowCount += cuts[i].length;
        }

        // One row per (series, cut). A row keeps only the window before its cut plus room for the
        // forecasts fed back in a recursive continuation, so many cuts of a long series stay cheap.
        int[] rowSeries = new int[rowCount];
        int[] rowCut = new int[rowCount];
        int[] rowOffset = new int[rowCount];
        double[][] rowHistory = new double[rowCount][];
        double[][][] mean = new double[count][][];
        double[][][] meanZ = new double[count][][];
        Scaler[][][] stepScaler = new Scaler[count][][];
        for (int i = 0, r = 0; i < count; i++) {
            mean[i] = new double[cuts[i].length][];
            meanZ[i] = new double[cuts[i].length][horizon];
            stepScaler[i] = new Scaler[cuts[i].length][horizon];
            for (int c = 0; c < cuts[i].length; c++, r++) {
                int cut = cuts[i][c];
                if (cut < 1 || cut > filledOf[i].length) {
                    throw new IllegalArgumentException("cut " + cut + " outside series '" + series.get(i).id()
                            + "' of length " + filledOf[i].length);
                }
                int from = Math.max(0, cut - window);
                rowSeries[r] = i;
                rowCut[r] = cut - from;
                rowOffset[r] = from;
                rowHistory[r] = new double[cut - from + horizon + modelHorizon];
                System.arraycopy(filledOf[i], from, rowHistory[r], 0, cut - from);
            }
        }

        float[] input = new float[rowCount * window * features];
        float[] out = new float[rowCount * modelHorizon];
        float[] baseline = new float[rowCount * modelHorizon];
        Scaler[] scalers = new Scaler[rowCount];
        for (int done = 0; done < horizon; done += modelHorizon) {
            for (int r = 0; r < rowCount; r++) {
                int i = rowSeries[r];
                WindowEncoder encoder = encoderOf[i];
                scalers[r] = encoder.encode(rowHistory[r], rowCut[r] + done, phases[i] + rowOffset[r],
                        seriesScalers[i], input, r * window * features);
                encoder.baseline(input, r * window * features, modelHorizon, baseline, r * modelHorizon);
            }
            model.predict(compute, input, rowCount, window, out);
            int steps = Math.min(modelHorizon, horizon - done);
            for (int i = 0, r = 0; i < count; i++) {
                for (int c = 0; c < cuts[i].length; c++, r++) {
                    for (int k = 0; k < steps; k++) {
                        double z = out[r * modelHorizon + k] + baseline[r * modelHorizon + k];
                        meanZ[i][c][done + k] = z;
                        stepScaler[i][c][done + k] = scalers[r];
                        // Feed the forecast back for a recursive continuation.
                        rowHistory[r][rowCut[r] + done + k] = scalers[r].inverse(z);
                    }
                }
            }
        }
        for (int i = 0, r = 0; i < count; i++) {
            for (int c = 0; c < cuts[i].length; c++, r++) {
                mean[i][c] = Arrays.copyOfRange(rowHistory[r], rowCut[r], rowCut[r] + horizon);
            }
        }
        return new Rows(mean, meanZ, stepScaler, padded);
    }

    /** The model card's conformal intervals around one row's forecast. */
    private static List<Prediction.Interval> intervals(ModelManifest manifest, Rows rows, int i, int c, int horizon,
                                                       List<Double> levels) {
        ModelManifest.Intervals calibration = manifest.intervals();
        int modelHorizon = manifest.architecture().horizon();
        List<Prediction.Interval> intervals = new ArrayList<>();
        for (double level : levels) {
            double[] lower = new double[horizon];
            double[] upper = new double[horizon];
            for (int k = 0; k < horizon; k++) {
                double q = halfWidth(calibration, k, modelHorizon, level);
                Scaler s = rows.stepScaler()[i][c][k];
                // Through the scaler in model units: with log1p the interval is asymmetric in data units.
                double a = s.inverse(rows.meanZ()[i][c][k] - q);
                double b = s.inverse(rows.meanZ()[i][c][k] + q);
                lower[k] = Math.min(a, b);
                upper[k] = Math.max(a, b);
            }
            intervals.add(new Prediction.Interval(level, lower, upper));
        }
        return intervals;
    }

    /** The series' frequency: the request's, else its timestamps', else the model's (may be {@code null}). */
    static Frequency frequency(SeriesData s, Frequency requestFrequency, Frequency modelFrequency) {
        return requestFrequency != null ? requestFrequency
                : s.timestamps() != null && s.timestamps().size() >= 3 ? TimeAxis.infer(s.timestamps()).frequency()
                : modelFrequency;
    }

    /** The season length the model uses for a series (see {@link #predict}). */
    static int season(ModelManifest manifest, SeriesData s, double[] filled, Frequency requestFrequency) {
        int fixed = manifest.preprocessing().seasonLength();
        if (fixed > 0) {
            return fixed;
        }
        Frequency modelFrequency = manifest.frequency() == null ? null : Frequency.parse(manifest.frequency());
        return Seasonality.infer(filled, frequency(s, requestFrequency, modelFrequency));
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
