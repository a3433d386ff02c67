package io.seqcast.api.forecast;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * The JSON body of {@code POST /backtest}: the series format and settings of {@code POST /forecast}
 * plus the rolling origins. Numbers are {@link JsonNode}s checked by {@link JsonRequests}.
 */
@Schema(name = "BacktestRequest", description = "Series to evaluate a model on, with rolling origins")
record BacktestRequest(
        @Schema(description = "Model reference: NAME, NAME@7, NAME@alias, or \"auto\" (a model fitted on the "
                + "history before each origin). Absent: the default model.", example = "default", nullable = true)
        String model,
        @Schema(type = "integer", minimum = "1", description = "Steps forecast from each origin; up to "
                + "seqcast.forecast.max-horizon", example = "12", requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode horizon,
        @Schema(type = "integer", minimum = "1", description = "Rolling origins; absent: "
                + "seqcast.forecast.backtest.default-windows (3); at most max-windows (50), max-auto-windows (10) "
                + "in auto mode", example = "3", nullable = true)
        JsonNode windows,
        @Schema(type = "integer", minimum = "1", description = "Points between consecutive origins; absent: the "
                + "horizon", example = "12", nullable = true)
        JsonNode step,
        @Schema(description = "Frequency: D, B, W, M, Q, Y, H, 15min... or an ISO-8601 duration. Absent: inferred "
                + "from each series' timestamps; it also sets the seasonal-naive season.", example = "M",
                nullable = true)
        String frequency,
        @ArraySchema(arraySchema = @Schema(description = "Interval levels in percent whose coverage is measured. "
                + "Absent: [80, 95].", example = "[80, 95]", nullable = true),
                schema = @Schema(type = "number", minimum = "1", maximum = "99"))
        JsonNode levels,
        @ArraySchema(arraySchema = @Schema(description = "The series; each needs at least 2 + step x (windows - 1) "
                + "+ horizon points", requiredMode = Schema.RequiredMode.REQUIRED), minItems = 1)
        List<ForecastRequest.SeriesRequest> series,
        @Schema(description = "As in POST /forecast: best (default) or model. The backtest scores what "
                + "POST /forecast would have answered at each origin, choice and intervals included.",
                example = "best", nullable = true, allowableValues = {"best", "model", "off"})
        String selection) {
}
