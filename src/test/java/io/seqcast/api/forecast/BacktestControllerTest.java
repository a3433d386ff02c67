package io.seqcast.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * POST /backtest over the full wiring on the bundled default model: metrics and their aggregate, a
 * hand-computed naive baseline, CSV, auto mode, and one test per bad input with its problem detail.
 * Shares its Spring setup and context with {@link ForecastControllerTest} ({@link ForecastApiTestSupport}).
 */
class BacktestControllerTest extends ForecastApiTestSupport {

    ResultActions postJson(String body) throws Exception {
        return postJson("/backtest", body);
    }

    ResultActions badRequest(String body, String field, String detail) throws Exception {
        return badRequest("/backtest", body, field, detail)
                .andExpect(jsonPath("$.title").value("Invalid backtest request"))
                .andExpect(jsonPath("$.instance").value("/backtest"));
    }

    static String twoSeries(String extra) {
        return "{" + extra + ",\"series\":[{\"id\":\"a\",\"values\":" + Series.json(Series.seasonal(60, 1))
                + "},{\"id\":\"b\",\"values\":" + Series.json(Series.seasonal(66, 2)) + "}]}";
    }

    @Test
    void backtestsTheDefaultModelAgainstTheBaselines() throws Exception {
        String json = postJson(twoSeries("\"horizon\":6,\"windows\":3,\"frequency\":\"M\",\"levels\":[80,95]"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.model.name").value("default"))
                .andExpect(jsonPath("$.model.version").value(1))
                .andExpect(jsonPath("$.horizon").value(6))
                .andExpect(jsonPath("$.windows").value(3))
                .andExpect(jsonPath("$.step").value(6))
                .andExpect(jsonPath("$.series", hasSize(2)))
                .andExpect(jsonPath("$.series[0].id").value("a"))
                .andExpect(jsonPath("$.series[0].season").value(12))
                .andExpect(jsonPath("$.series[0].origins", hasSize(3)))
                .andExpect(jsonPath("$.series[0].origins[0]").value(42))
                .andExpect(jsonPath("$.series[0].origins[2]").value(54))
                .andExpect(jsonPath("$.series[1].origins[2]").value(60))
                .andExpect(jsonPath("$.series[0].metrics.naive.coverage").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        for (String method : List.of("model", "naive", "seasonalNaive")) {
            for (String metric : List.of("mae", "rmse", "smape", "mase")) {
                double aggregate = number(json, "$.aggregate." + method + "." + metric);
                double a = number(json, "$.series[0].metrics." + method + "." + metric);
                double b = number(json, "$.series[1].metrics." + method + "." + metric);
                assertThat(a).as(method + " " + metric).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(b).as(method + " " + metric).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(aggregate).as("aggregate " + method + " " + metric)
                        .isCloseTo((a + b) / 2, within(1e-5 * Math.max(1, Math.abs(aggregate))));
            }
        }
        for (String level : List.of("80", "95")) {
            double a = number(json, "$.series[0].metrics.model.coverage['" + level + "']");
            double b = number(json, "$.series[1].metrics.model.coverage['" + level + "']");
            assertThat(a).isBetween(0.0, 1.0);
            assertThat(number(json, "$.aggregate.model.coverage['" + level + "']")).isCloseTo((a + b) / 2, within(1e-6));
        }
        // A seasonal series: seasonal naive beats naive, and the model is at least in their league.
        assertThat(number(json, "$.aggregate.seasonalNaive.mase")).isLessThan(number(json, "$.aggregate.naive.mase"));
        assertThat(number(json, "$.aggregate.model.mase")).isLessThan(3);
    }

    @Test
    void theNaiveBaselineMatchesAHandComputation() throws Exception {
        // Origins 4 and 6. Window 1: history 1,2,4,7 -> naive 7 vs 11,16: errors 4, 9; in-sample naive MAE 2.
        // Window 2: history 1,2,4,7,11,16 -> naive 16 vs 22,29: errors 6, 13; in-sample naive MAE 3.
        postJson("{\"horizon\":2,\"windows\":2,\"series\":[{\"id\":\"t\",\"values\":[1,2,4,7,11,16,22,29]}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.series[0].season").value(1))
                .andExpect(jsonPath("$.series[0].origins[0]").value(4))
                .andExpect(jsonPath("$.series[0].origins[1]").value(6))
                .andExpect(jsonPath("$.series[0].metrics.naive.mae").value(8.0))
                .andExpect(jsonPath("$.series[0].metrics.naive.rmse").value(
                        ForecastResponse.round(Math.sqrt((16 + 81 + 36 + 169) / 4.0))))
                .andExpect(jsonPath("$.series[0].metrics.naive.mase").value(
                        ForecastResponse.round((6.5 / 2 + 9.5 / 3) / 2)))
                .andExpect(jsonPath("$.series[0].metrics.naive.smape").value(ForecastResponse.round(
                        200.0 / 4 * (4.0 / 18 + 9.0 / 23 + 6.0 / 38 + 13.0 / 45))))
                .andExpect(jsonPath("$.series[0].metrics.seasonalNaive.mae").value(8.0))
                .andExpect(jsonPath("$.aggregate.naive.mae").value(8.0))
                .andExpect(jsonPath("$.warnings[0]").value(containsString("padded")));
    }

    @Test
    void missingActualValuesAreLeftOutOfTheScores() throws Exception {
        // The same series with 22 missing: window 2 scores 29 only (error 13).
        postJson("{\"horizon\":2,\"windows\":2,\"series\":[{\"id\":\"t\",\"values\":[1,2,4,7,11,16,null,29]}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.series[0].metrics.naive.mae").value(ForecastResponse.round((4 + 9 + 13) / 3.0)));
    }

    @Test
    void aStepShorterThanTheHorizonOverlapsWindows() throws Exception {
        postJson(twoSeries("\"horizon\":6,\"windows\":4,\"step\":2,\"levels\":[]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.step").value(2))
                .andExpect(jsonPath("$.series[0].origins[0]").value(48))
                .andExpect(jsonPath("$.series[0].origins[3]").value(54))
                .andExpect(jsonPath("$.series[0].metrics.model.coverage").isEmpty());
    }

    @Test
    void csvBodiesTakeTheRestAsQueryParameters() throws Exception {
        StringBuilder csv = new StringBuilder("id,timestamp,value\n");
        double[] v = Series.seasonal(40, 3);
        List<String> days = Series.days(java.time.LocalDate.of(2024, 1, 1), 40);
        for (int i = 0; i < v.length; i++) {
            csv.append("s,").append(days.get(i)).append(',').append(v[i]).append('\n');
        }
        mvc.perform(post("/backtest?horizon=7&windows=2&levels=80").contentType(CsvRequests.MEDIA_TYPE)
                        .content(csv.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.series[0].season").value(7))
                .andExpect(jsonPath("$.series[0].origins[1]").value(33))
                .andExpect(jsonPath("$.series[0].metrics.model.coverage['80']").isNumber());
        mvc.perform(post("/backtest?horizon=7&windows=two").contentType(CsvRequests.MEDIA_TYPE).content(csv.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("windows"));
    }

    @Test
    void autoModeFitsOneModelPerOrigin() throws Exception {
        postJson("{\"model\":\"auto\",\"horizon\":6,\"windows\":2,\"frequency\":\"M\",\"levels\":[80],"
                + "\"series\":[{\"id\":\"s\",\"start\":\"2015-01-01\",\"values\":" + Series.json(Series.seasonal(84, 4))
                + "}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model.name").value("auto"))
                .andExpect(jsonPath("$.model.version").doesNotExist()) // 0, omitted as in /forecast
                .andExpect(jsonPath("$.model.ephemeral").value(true))
                .andExpect(jsonPath("$.auto.fits").value(2))
                .andExpect(jsonPath("$.auto.fallbacks").value(0))
                .andExpect(jsonPath("$.series[0].origins[0]").value(72))
                .andExpect(jsonPath("$.series[0].metrics.model.mase").isNumber())
                .andExpect(jsonPath("$.series[0].metrics.model.coverage['80']").isNumber());
    }

    @Test
    void theBacktestScoresWhatForecastWouldAnswerIncludingTheChoiceOfForecaster() throws Exception {
        // An exactly repeating season: seasonal naive is exact at every origin, so with selection "best"
        // the forecaster is seasonal naive everywhere (error 0); the model alone is not exact.
        double[] pattern = {5, 9, 14, 20, 26, 30, 31, 28, 22, 15, 9, 6};
        StringBuilder values = new StringBuilder("[");
        for (int t = 0; t < 96; t++) {
            values.append(t == 0 ? "" : ",").append(100 + pattern[t % 12]);
        }
        String series = "\"series\":[{\"id\":\"p\",\"values\":" + values.append(']') + "}]";
        String best = postJson("{\"horizon\":6,\"windows\":2,\"frequency\":\"M\"," + series + "}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String model = postJson("{\"horizon\":6,\"windows\":2,\"frequency\":\"M\",\"selection\":\"model\","
                + series + "}").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(number(best, "$.aggregate.model.mae")).isZero();
        assertThat(number(model, "$.aggregate.model.mae")).isPositive();
    }

    @Test
    void selectionMustBeBestOrModel() throws Exception {
        badRequest(twoSeries("\"horizon\":3,\"selection\":\"all\""), "selection", "selection must be \"best\"");
    }

    // ------------------------------------------------------------------------------------------
    // Errors

    @Test
    void horizonIsRequiredAndBounded() throws Exception {
        badRequest(twoSeries("\"windows\":2"), "horizon", "horizon is required");
        badRequest(twoSeries("\"horizon\":0"), "horizon", "horizon must be between 1 and 500 but was 0");
        badRequest(twoSeries("\"horizon\":501"), "horizon", "but was 501");
        badRequest(twoSeries("\"horizon\":2.5"), "horizon", "horizon must be a whole number, got the number 2.5");
    }

    @Test
    void windowsMustBeBetweenOneAndTheLimit() throws Exception {
        badRequest(twoSeries("\"horizon\":3,\"windows\":0"), "windows", "windows must be between 1 and 50");
        badRequest(twoSeries("\"horizon\":3,\"windows\":51"), "windows", "but was 51");
        badRequest(twoSeries("\"horizon\":3,\"windows\":\"3\""), "windows", "windows must be a whole number, got a string");
        badRequest(twoSeries("\"model\":\"auto\",\"horizon\":3,\"windows\":11"), "windows",
                "windows must be between 1 and 10 with \"model\": \"auto\"");
    }

    @Test
    void stepMustBePositive() throws Exception {
        badRequest(twoSeries("\"horizon\":3,\"step\":0"), "step", "step must be a positive number of points between "
                + "origins but was 0");
        badRequest(twoSeries("\"horizon\":3,\"step\":true"), "step", "step must be a whole number, got a boolean");
    }

    @Test
    void aSeriesTooShortForTheWindowsIsNamedWithTheNumbers() throws Exception {
        badRequest("{\"horizon\":4,\"series\":[{\"id\":\"ok\",\"values\":" + Series.json(Series.seasonal(30, 1))
                        + "},{\"id\":\"s\",\"values\":[1,2,3,4,5,6,7,8,9,10]}]}", "series[1].values",
                "series 's' (series[1]) has 10 points, too few for 3 window(s) of horizon 4 with step 4: it needs "
                        + "at least 2 + 4 x 2 + 4 = 14");
        badRequest("{\"horizon\":4,\"windows\":2,\"step\":99999999999,\"series\":[{\"id\":\"s\",\"values\":[1,2,3]}]}",
                "series[0].values", "it needs at least 2 + 2147483647 x 1 + 4 = 2147483653");
    }

    @Test
    void aHistoryWithoutObservationsBeforeTheFirstOriginIsRefused() throws Exception {
        badRequest("{\"horizon\":2,\"windows\":1,\"series\":[{\"id\":\"s\",\"values\":[null,null,null,4,5,6]}]}",
                "series[0].values", "the history before the first origin (index 4) cannot be used");
        badRequest("{\"horizon\":2,\"windows\":1,\"series\":[{\"id\":\"s\",\"values\":[1,2,3,4,null,null]}]}",
                "series[0].values", "no observed value from the first origin (index 4) on");
    }

    @Test
    void badSeriesValuesAreNamedAsInForecast() throws Exception {
        badRequest("{\"horizon\":2,\"series\":[{\"id\":\"s\",\"values\":[1,2,\"12\",4]}]}", "series[0].values[2]",
                "series[0].values[2] must be a number or null, got a string");
        badRequest("{\"horizon\":2,\"series\":[]}", "series", "series is required");
        badRequest("{\"horizon\":2,\"levels\":[0],\"series\":[{\"id\":\"s\",\"values\":[1,2,3]}]}", "levels[0]",
                "levels[0] must be a percentage between 1 and 99");
    }

    @Test
    void malformedJsonIsAProblem() throws Exception {
        postJson("{\"horizon\":2,\"series\":[{\"id\":\"s\",\"values\":[1,NaN]}]}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Malformed JSON"));
    }

    @Test
    void anUnknownModelIs404() throws Exception {
        postJson(twoSeries("\"model\":\"nosuch\",\"horizon\":3"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value("no model named 'nosuch'"));
    }

    @Test
    void openApiDocumentListsBacktestWithExamples() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(doc).contains("\"/backtest\"", "BacktestRequest", "BacktestResponse", "monthly series, 3 windows",
                "Invalid backtest request");
    }

    static double number(String json, String path) {
        Object value = JsonPath.read(json, path);
        assertThat(value).as(path).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }
}
