package io.seqcast.api.forecast;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/**
 * The JSON body of {@code POST /forecast}. Numbers are taken as {@link JsonNode}s and checked by
 * {@link JsonRequests} so that a string, a boolean or a fraction where a number belongs is a 400 that
 * names it ({@code series[0].values[3]}), not a silent coercion.
 */
@Schema(name = "ForecastRequest", description = "Series to forecast, and how")
record ForecastRequest(
        @Schema(description = "Model reference: NAME (its production alias, else its latest version), NAME@7, "
                + "NAME@alias, or \"auto\" (train a small model on these series). Absent: the default model.",
                example = "default", nullable = true)
        String model,
        @Schema(type = "integer", minimum = "1", description = "Steps to forecast; up to seqcast.forecast.max-horizon. "
                + "Beyond the model's own horizon the forecast is extended recursively (flagged).",
                example = "12", requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode horizon,
        @Schema(description = "Frequency: D, B, W, M, Q, Y, H, 15min... or an ISO-8601 duration (P1D, PT15M). "
                + "Absent: inferred from each series' timestamps.", example = "M", nullable = true)
        String frequency,
        @ArraySchema(arraySchema = @Schema(description = "Prediction-interval levels in percent, each 1 to 99. "
                + "Absent: [80, 95].", example = "[80, 95]", nullable = true),
                schema = @Schema(type = "number", minimum = "1", maximum = "99"))
        JsonNode levels,
        @ArraySchema(arraySchema = @Schema(description = "The series, forecast together in one batched pass",
                requiredMode = Schema.RequiredMode.REQUIRED), minItems = 1)
        List<SeriesRequest> series,
        @Schema(description = "best (default): per series, the model, Theta, damped-trend exponential smoothing, an "
                + "autoregression, Holt-Winters seasonal smoothing (seasons of 2 to 24 points), the means model+theta and model+theta+damped, or seasonal naive, whichever erred least on the series' own past (rolling origins); model: always "
                + "the model, intervals still calibrated on the series' past; off: the model with its model card's "
                + "intervals and no check (cheapest, for latency-critical callers).", example = "best", nullable = true,
                allowableValues = {"best", "model", "off"})
        String selection) {

    @Schema(name = "Series", description = "One series: values oldest first, null where missing")
    record SeriesRequest(
            @Schema(description = "Your name for the series, echoed back", example = "store-1",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String id,
            @ArraySchema(arraySchema = @Schema(description = "Observations, oldest first; null marks a missing value "
                    + "(filled by interpolation as in training)", example = "[112, 118, null, 129]",
                    requiredMode = Schema.RequiredMode.REQUIRED), minItems = 1,
                    schema = @Schema(type = "number", nullable = true))
            @JsonDeserialize(using = ValuesDeserializer.class) double[] values,
            @ArraySchema(arraySchema = @Schema(description = "ISO-8601 dates or date-times, one per value (optional); "
                    + "the forecast's timestamps follow them", example = "[\"2024-01-01\", \"2024-02-01\", "
                    + "\"2024-03-01\", \"2024-04-01\"]", nullable = true))
            List<String> timestamps,
            @Schema(description = "Timestamp of the first value, with frequency, instead of timestamps (optional)",
                    example = "2024-01-01", nullable = true)
            String start) {
    }
}
