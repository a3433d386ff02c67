package io.seqcast.api.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.seqcast.forecast.ForecastResult;
import io.seqcast.forecast.ForecastService;
import io.seqcast.training.Prediction;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code POST /forecast}. */
@Schema(name = "ForecastResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
record ForecastResponse(
        @Schema(description = "The model version that served the request") Model model,
        @Schema(description = "One forecast per series, in the request's order") List<SeriesForecast> forecasts,
        @Schema(description = "What you should know: recursive extension, padding, auto-mode fallback")
        List<String> warnings,
        @Schema(description = "How the auto-mode model was trained (only for \"model\": \"auto\")", nullable = true)
        ForecastResult.AutoFit auto) {

    @Schema(name = "ServingModel")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Model(@Schema(example = "default") String name,
                 @Schema(description = "Version; 0 for an ephemeral auto-mode model", example = "1") int version,
                 @Schema(description = "true: trained for this request only (auto mode, not registered)")
                 boolean ephemeral) {
    }

    @Schema(name = "SeriesForecast")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SeriesForecast(
            @Schema(example = "store-1") String id,
            @Schema(description = "The series' frequency when known (from its timestamps or the request)",
                    example = "M", nullable = true) String frequency,
            @Schema(description = "Timestamps of the forecast steps, when the series has a time axis", nullable = true)
            List<String> timestamps,
            @Schema(description = "Point forecast, one value per step") double[] mean,
            @Schema(description = "Central prediction intervals by level (\"80\", \"95\"): the value is expected "
                    + "inside [lower, upper] with that probability")
            Map<String, Interval> intervals,
            @Schema(description = "Whether steps beyond the model's horizon were forecast recursively")
            boolean extended,
            @Schema(description = "Index into mean of the first recursively forecast step, when extended",
                    nullable = true) Integer recursiveFrom,
            @Schema(description = "Input steps that were padding (the series is shorter than the model's window)",
                    nullable = true) Integer paddedSteps,
            @Schema(description = "Which forecaster answered for this series and how each candidate did on the "
                    + "series' own past (rolling origins); the intervals are calibrated on the same origins")
            Selection selection) {
    }

    @Schema(name = "Selection")
    record Selection(
            @Schema(description = "The forecaster that answered: model+theta+damped or model+theta (step-wise "
                    + "means), model, theta, damped-trend, autoregression, seasonal-naive, seasonal-smoothing or, for a series "
                    + "with a cycle longer than its season (a week of half-hourly data), seasonal-naive-long or "
                    + "multi-seasonal", example = "model+theta")
            String method,
            @Schema(description = "Rolling origins of the series' own history that scored the candidates and "
                    + "calibrated the intervals; 0 when the series is too short (the model answers with its model "
                    + "card's intervals)", example = "40") int origins,
            @Schema(description = "Each candidate's MASE on those origins (mean absolute error over the in-sample "
                    + "seasonal-naive MAE; lower is better)", example = "{\"model+theta+damped\": 0.63, \"model+theta\": 0.61, "
                    + "\"model\": 0.66, \"theta\": 0.74, \"damped-trend\": 0.71, \"autoregression\": 0.93, \"seasonal-naive\": 1.02, \"seasonal-smoothing\": 0.69}") Map<String, Double> mase) {
    }

    @Schema(name = "Interval")
    record Interval(double[] lower, double[] upper) {
    }

    static ForecastResponse of(ForecastResult result) {
        List<SeriesForecast> forecasts = new ArrayList<>(result.forecasts().size());
        for (ForecastResult.SeriesForecast f : result.forecasts()) {
            Map<String, Interval> intervals = new LinkedHashMap<>();
            for (Prediction.Interval i : f.intervals()) {
                intervals.put(ForecastService.format(i.level()), new Interval(round(i.lower()), round(i.upper())));
            }
            boolean extended = f.extendedFrom() > 0;
            forecasts.add(new SeriesForecast(f.id(), f.frequency(), f.timestamps(), round(f.mean()), intervals,
                    extended, extended ? f.extendedFrom() : null, f.paddedSteps() > 0 ? f.paddedSteps() : null,
                    selection(f.selection())));
        }
        ForecastResult.ServedBy by = result.model();
        return new ForecastResponse(new Model(by.name(), by.version(), by.ephemeral()), forecasts,
                result.warnings().isEmpty() ? null : result.warnings(), result.auto());
    }

    private static Selection selection(Prediction.Selection s) {
        if (s == null) {
            return null;
        }
        Map<String, Double> mase = new LinkedHashMap<>();
        s.mase().forEach((name, value) -> mase.put(name, Math.rint(value * 1e4) / 1e4));
        return new Selection(s.method(), s.origins(), mase);
    }

    /**
     * Seven significant digits: the network computes in float32, so further digits are noise (and
     * make responses twice as long).
     */
    static double[] round(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = round(values[i]);
        }
        return out;
    }

    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        int digits = 6 - (int) Math.floor(Math.log10(Math.abs(v)));
        if (digits <= 0) {
            double scale = POWERS[Math.min(-digits, 22)];
            return -digits > 22 ? v : Math.rint(v / scale) * scale;
        }
        return digits > 22 ? v : Math.rint(v * POWERS[digits]) / POWERS[digits];
    }

    private static final double[] POWERS = new double[23];

    static {
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = Math.pow(10, i);
        }
    }
}
