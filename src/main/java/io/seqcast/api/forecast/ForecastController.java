package io.seqcast.api.forecast;

import io.micrometer.core.instrument.Timer;
import io.seqcast.api.admission.Admission;
import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.ForecastResult;
import io.seqcast.forecast.ForecastService;
import io.seqcast.observability.ForecastMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.InputStream;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code POST /forecast}: JSON ({@link ForecastRequest}) or CSV (query parameters for the rest).
 * Errors are problem details from {@link io.seqcast.api.ApiExceptionHandler}.
 */
@RestController
@Tag(name = "forecast", description = "Point forecasts and prediction intervals for one or many series")
class ForecastController {

    private final ForecastService service;
    private final ForecastMetrics metrics;
    private final Admission admission;

    ForecastController(ForecastService service, ForecastMetrics metrics, Admission admission) {
        this.service = service;
        this.metrics = metrics;
        this.admission = admission;
    }

    @Operation(summary = "Forecast series",
            description = "All series go through the model in one batched pass. Without \"model\" the default "
                    + "model answers; \"auto\" trains a small model on these series within a time budget.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ForecastRequest.class),
                    examples = {
                            @ExampleObject(name = "monthly sales", value = Examples.MONTHLY_REQUEST),
                            @ExampleObject(name = "start and frequency, a gap", value = Examples.START_REQUEST),
                            @ExampleObject(name = "auto mode", value = Examples.AUTO_REQUEST)}),
            @Content(mediaType = CsvRequests.MEDIA_TYPE, schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "id,timestamp,value", value = Examples.CSV_REQUEST))})
    @ApiResponse(responseCode = "200", description = "The forecasts", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ForecastResponse.class),
            examples = @ExampleObject(name = "monthly sales", value = Examples.MONTHLY_RESPONSE)))
    @ApiResponse(responseCode = "400", description = "Invalid request: the detail names the field, series and index",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(value = Examples.PROBLEM_400)))
    @ApiResponse(responseCode = "404", description = "No such model, version or alias",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Over a size limit (body, series per request, points per series)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "The request's cost class is busy; retry after Retry-After seconds",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The request passed its deadline and its work was stopped",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @Parameters({
            @Parameter(name = "model", in = ParameterIn.QUERY, description = "text/csv bodies only: the model reference, as \"model\" in JSON", schema = @Schema(type = "string", example = "default")),
            @Parameter(name = "horizon", in = ParameterIn.QUERY, description = "text/csv bodies only (required there): steps to forecast", schema = @Schema(type = "integer", minimum = "1", example = "12")),
            @Parameter(name = "levels", in = ParameterIn.QUERY, description = "text/csv bodies only: interval levels in percent, e.g. 80,95", explode = Explode.FALSE, array = @ArraySchema(schema = @Schema(type = "number", minimum = "1", maximum = "99"))),
            @Parameter(name = "frequency", in = ParameterIn.QUERY, description = "text/csv bodies only: D, W, M... or an ISO-8601 duration", schema = @Schema(type = "string", example = "D")),
            @Parameter(name = "selection", in = ParameterIn.QUERY, description = "text/csv bodies only: best, model or off", schema = @Schema(type = "string", allowableValues = {"best", "model", "off"}))})
    @PostMapping(path = "/forecast", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ForecastResponse forecast(@RequestBody ForecastRequest request) {
        Timer.Sample sample = metrics.start();
        int series = request == null || request.series() == null ? 0 : request.series().size();
        return measured(sample, () -> series, () -> forecast(JsonRequests.toInput(request)));
    }

    /** The text/csv variant; documented on the JSON operation (same path), with its query parameters. */
    @Operation(hidden = true)
    @PostMapping(path = "/forecast", consumes = CsvRequests.MEDIA_TYPE, produces = MediaType.APPLICATION_JSON_VALUE)
    ForecastResponse forecastCsv(
            InputStream body,
            @Parameter(description = "Model reference (CSV bodies only)") @RequestParam(required = false) String model,
            @Parameter(description = "Steps to forecast (CSV bodies only)") @RequestParam(required = false) String horizon,
            @Parameter(description = "Interval levels, e.g. 80,95 (CSV bodies only)") @RequestParam(required = false) List<String> levels,
            @Parameter(description = "Frequency (CSV bodies only)") @RequestParam(required = false) String frequency,
            @Parameter(description = "best, model or off (CSV bodies only)") @RequestParam(required = false) String selection) {
        Timer.Sample sample = metrics.start();
        int[] parsed = new int[1]; // series count once the CSV is parsed, for the meter
        return measured(sample, () -> parsed[0], () -> {
            List<ForecastInput.SeriesInput> series = CsvRequests.series(body, service.properties().seriesLimits());
            parsed[0] = series.size();
            return forecast(new ForecastInput(model, CsvRequests.wholeNumber("horizon", horizon), frequency,
                    CsvRequests.levels(levels), series, selection));
        });
    }

    /** The forecast, admitted by its cost class and run under the request deadline. */
    private ForecastResult forecast(ForecastInput input) {
        return admission.forecast(input, () -> service.forecast(input));
    }

    /**
     * Runs a forecast and records it in {@code seqcast.forecast.requests}: tagged with the model the
     * registry served (or {@code auto}, or {@code unknown} when the request failed before a model
     * answered) and the outcome. Bodies that cannot be read at all never reach here; the HTTP server
     * meters count those.
     */
    private ForecastResponse measured(Timer.Sample sample, IntSupplier seriesCount, Supplier<ForecastResult> call) {
        ForecastResult result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            metrics.record(sample, null, ForecastMetrics.Outcome.of(e), seriesCount.getAsInt());
            throw e;
        }
        int n = result.forecasts().size();
        if (result.model().ephemeral()) {
            metrics.recordAuto(sample, ForecastMetrics.Outcome.OK, n);
        } else {
            metrics.recordServed(sample, result.model().name(), result.model().version(), ForecastMetrics.Outcome.OK, n);
        }
        return ForecastResponse.of(result);
    }
}
