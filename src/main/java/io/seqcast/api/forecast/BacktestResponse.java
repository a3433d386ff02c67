package io.seqcast.api.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.seqcast.forecast.BacktestResult;
import io.seqcast.forecast.ForecastService;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code POST /backtest}. */
@Schema(name = "BacktestResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
record BacktestResponse(
        @Schema(description = "The model evaluated (\"auto\", version 0, in auto mode)") ForecastResponse.Model model,
        @Schema(description = "Steps forecast from each origin", example = "12") int horizon,
        @Schema(description = "Rolling origins per series", example = "3") int windows,
        @Schema(description = "Points between consecutive origins", example = "12") int step,
        @Schema(description = "One per series, in the request's order") List<SeriesBacktest> series,
        @Schema(description = "Mean over series of each metric (series where a metric is null left out). MASE, sMAPE "
                + "and coverage are scale-free; the means of MAE and RMSE mix the series' scales")
        Comparison aggregate,
        @Schema(description = "What you should know: padding, recursive extension, auto-mode fallbacks")
        List<String> warnings,
        @Schema(description = "How the auto-mode fits went (only for \"model\": \"auto\")", nullable = true)
        BacktestResult.AutoFits auto) {

    @Schema(name = "SeriesBacktest")
    record SeriesBacktest(
            @Schema(example = "store-1") String id,
            @Schema(description = "Season length of the seasonal-naive baseline and the MASE scale (1: not seasonal)",
                    example = "12") int season,
            @Schema(description = "Index of each origin (the first forecast point; the history is everything "
                    + "before it)", example = "[24, 36, 48]") int[] origins,
            @Schema(description = "The model and the baselines on the same windows") Comparison metrics) {
    }

    @Schema(name = "BacktestComparison")
    record Comparison(Scores model, Scores naive, Scores seasonalNaive) {
    }

    @Schema(name = "BacktestScores", description = "null where undefined (MASE of a history without variation) "
            + "or not finite")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Scores(
            @Schema(description = "Mean absolute error over all forecast points", nullable = true) Double mae,
            @Schema(description = "Root mean squared error over all forecast points", nullable = true) Double rmse,
            @Schema(description = "Symmetric MAPE in percent (0 to 200)", nullable = true) Double smape,
            @Schema(description = "Mean over windows of the MAE scaled by the in-sample seasonal-naive MAE of the "
                    + "history before the origin", nullable = true) Double mase,
            @Schema(description = "Share of actual values inside the model's interval, by level (the model only)",
                    nullable = true) @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> coverage) {
    }

    static BacktestResponse of(BacktestResult result) {
        List<SeriesBacktest> series = new ArrayList<>(result.series().size());
        for (BacktestResult.SeriesBacktest s : result.series()) {
            series.add(new SeriesBacktest(s.id(), s.season(), s.origins(), comparison(s.metrics())));
        }
        return new BacktestResponse(new ForecastResponse.Model(result.model().name(), result.model().version(),
                result.model().ephemeral()), result.horizon(), result.windows(), result.step(), series,
                comparison(result.aggregate()), result.warnings().isEmpty() ? null : result.warnings(), result.auto());
    }

    private static Comparison comparison(BacktestResult.Comparison c) {
        return new Comparison(scores(c.model()), scores(c.naive()), scores(c.seasonalNaive()));
    }

    private static Scores scores(BacktestResult.Scores s) {
        Map<String, Double> coverage = null;
        if (s.coverage() != null) {
            coverage = new LinkedHashMap<>();
            for (Map.Entry<Double, Double> e : s.coverage().entrySet()) {
                coverage.put(ForecastService.format(e.getKey()), round(e.getValue()));
            }
        }
        return new Scores(round(s.mae()), round(s.rmse()), round(s.smape()), round(s.mase()), coverage);
    }

    private static Double round(Double v) {
        return v == null ? null : ForecastResponse.round(v);
    }
}
