package io.seqcast.api.forecast;

import io.seqcast.api.admission.Admission;
import io.seqcast.forecast.BacktestInput;
import io.seqcast.forecast.BacktestResult;
import io.seqcast.forecast.BacktestService;
import io.seqcast.forecast.ForecastInput;
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

/**
 * {@code POST /backtest}: JSON ({@link BacktestRequest}) or CSV (the series as for {@code /forecast},
 * the rest as query parameters). Errors are problem details from {@link io.seqcast.api.ApiExceptionHandler}.
 */
@RestController
@Tag(name = "backtest", description = "Rolling-origin evaluation of a model against naive and seasonal naive")
class BacktestController {

    private final BacktestService service;
    private final Admission admission;

    BacktestController(BacktestService service, Admission admission) {
        this.service = service;
        this.admission = admission;
    }

    @Operation(summary = "Backtest a model on series",
            description = "Rolling-origin evaluation: from each origin the model forecasts `horizon` points from the "
                    + "history before it, and MAE, RMSE, sMAPE, MASE and interval coverage are measured against the "
                    + "actual values, beside naive and seasonal naive on the same windows. The last origin leaves "
                    + "exactly `horizon` points after it; earlier ones step back by `step`. All series of one origin "
                    + "go through the model in one batched pass. \"auto\" fits one model per origin on the history "
                    + "before it (cost: up to windows x the per-fit budget).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BacktestRequest.class),
                    examples = {
                            @ExampleObject(name = "monthly series, 3 windows", value = Examples.BACKTEST_REQUEST),
                            @ExampleObject(name = "auto mode", value = Examples.BACKTEST_AUTO_REQUEST)}),
            @Content(mediaType = CsvRequests.MEDIA_TYPE, schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "id,timestamp,value", value = Examples.CSV_REQUEST))})
    @ApiResponse(responseCode = "200", description = "Per-series and aggregate metrics", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BacktestResponse.class),
            examples = @ExampleObject(name = "monthly series, 3 windows", value = Examples.BACKTEST_RESPONSE)))
    @ApiResponse(responseCode = "400", description = "Invalid request: the detail names the field, series and index "
            + "(a series too short for the windows gives the numbers)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(value = Examples.BACKTEST_PROBLEM_400)))
    @ApiResponse(responseCode = "404", description = "No such model, version or alias",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Over a size limit (body, series per request, points per series)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "A forecast came out non-finite (values too large to scale)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "Backtests (or auto fits) are busy; retry after Retry-After seconds",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The backtest passed its deadline and its work was stopped",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @Parameters({
            @Parameter(name = "model", in = ParameterIn.QUERY, description = "text/csv bodies only: the model reference, as \"model\" in JSON", schema = @Schema(type = "string", example = "default")),
            @Parameter(name = "horizon", in = ParameterIn.QUERY, description = "text/csv bodies only (required there): steps to forecast", schema = @Schema(type = "integer", minimum = "1", example = "12")),
            @Parameter(name = "windows", in = ParameterIn.QUERY, description = "text/csv bodies only: rolling origins", schema = @Schema(type = "integer", minimum = "1", example = "3")),
            @Parameter(name = "step", in = ParameterIn.QUERY, description = "text/csv bodies only: points between origins (default: horizon)", schema = @Schema(type = "integer", minimum = "1")),
            @Parameter(name = "levels", in = ParameterIn.QUERY, description = "text/csv bodies only: interval levels in percent, e.g. 80,95", explode = Explode.FALSE, array = @ArraySchema(schema = @Schema(type = "number", minimum = "1", maximum = "99"))),
            @Parameter(name = "frequency", in = ParameterIn.QUERY, description = "text/csv bodies only: D, W, M... or an ISO-8601 duration", schema = @Schema(type = "string", example = "D")),
            @Parameter(name = "selection", in = ParameterIn.QUERY, description = "text/csv bodies only: best, model or off", schema = @Schema(type = "string", allowableValues = {"best", "model", "off"}))})
    @PostMapping(path = "/backtest", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    BacktestResponse backtest(@RequestBody BacktestRequest request) {
        return BacktestResponse.of(backtest(JsonRequests.toInput(request)));
    }

    /** The text/csv variant; documented on the JSON operation (same path), with its query parameters. */
    @Operation(hidden = true)
    @PostMapping(path = "/backtest", consumes = CsvRequests.MEDIA_TYPE, produces = MediaType.APPLICATION_JSON_VALUE)
    BacktestResponse backtestCsv(
            InputStream body,
            @Parameter(description = "Model reference (CSV bodies only)") @RequestParam(required = false) String model,
            @Parameter(description = "Steps per window (CSV bodies only)") @RequestParam(required = false) String horizon,
            @Parameter(description = "Rolling origins (CSV bodies only)") @RequestParam(required = false) String windows,
            @Parameter(description = "Points between origins (CSV bodies only)") @RequestParam(required = false) String step,
            @Parameter(description = "Interval levels, e.g. 80,95 (CSV bodies only)") @RequestParam(required = false) List<String> levels,
            @Parameter(description = "Frequency (CSV bodies only)") @RequestParam(required = false) String frequency,
            @Parameter(description = "best, model or off (CSV bodies only)") @RequestParam(required = false) String selection) {
        List<ForecastInput.SeriesInput> series = CsvRequests.series(body, service.properties().seriesLimits());
        return BacktestResponse.of(backtest(new BacktestInput(model, CsvRequests.wholeNumber("horizon", horizon),
                CsvRequests.wholeNumber("windows", windows), CsvRequests.wholeNumber("step", step), frequency,
                CsvRequests.levels(levels), series, selection)));
    }

    /** The backtest, admitted by its cost class and run under the request deadline. */
    private BacktestResult backtest(BacktestInput input) {
        return admission.backtest(input, () -> service.backtest(input));
    }
}
