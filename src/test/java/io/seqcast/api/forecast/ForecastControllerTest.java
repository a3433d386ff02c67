package io.seqcast.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * POST /forecast over the full wiring (security included) on the bundled default model (window 36,
 * horizon 24): JSON and CSV, time axes, recursive extension, padding, and one test per bad input with
 * its status and problem detail.
 */
class ForecastControllerTest extends ForecastApiTestSupport {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    ResultActions postJson(String body) throws Exception {
        return postJson("/forecast", body);
    }

    ResultActions badRequest(String body, String field, String detail) throws Exception {
        return badRequest("/forecast", body, field, detail);
    }

    static final double[] SEASONAL = Series.seasonal(60, 1);

    // ------------------------------------------------------------------------------------------
    // Forecasts

    @Test
    void aMonthlySeriesIsAlsoCheckedWithSeasonalSmoothing() throws Exception {
        // The same request as ForecastPoliciesTest's, where seasonal smoothing is excluded by configuration.
        postJson("/forecast", Series.body(12, Series.seasonal(96, 3), "\"frequency\":\"M\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].selection.mase.seasonal-smoothing").exists());
    }

    @Test
    void forecastWithoutAModelUsesTheDefaultModel() throws Exception {
        postJson(Series.body(12, SEASONAL, "\"levels\":[80,95]"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.model.name").value("default"))
                .andExpect(jsonPath("$.model.version").value(1))
                .andExpect(jsonPath("$.forecasts[0].id").value("s1"))
                .andExpect(jsonPath("$.forecasts[0].mean", hasSize(12)))
                .andExpect(jsonPath("$.forecasts[0].intervals['80'].lower", hasSize(12)))
                .andExpect(jsonPath("$.forecasts[0].intervals['95'].upper", hasSize(12)))
                .andExpect(jsonPath("$.forecasts[0].extended").value(false))
                .andExpect(jsonPath("$.forecasts[0].timestamps").doesNotExist())
                .andExpect(jsonPath("$.warnings").doesNotExist());
    }

    @Test
    void manySeriesAreForecastTogetherInRequestOrder() throws Exception {
        StringBuilder body = new StringBuilder("{\"horizon\":6,\"series\":[");
        for (int i = 0; i < 20; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"values\":")
                    .append(Series.json(Series.seasonal(50 + i, i))).append('}');
        }
        postJson(body.append("]}").toString()).andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts", hasSize(20)))
                .andExpect(jsonPath("$.forecasts[0].id").value("s0"))
                .andExpect(jsonPath("$.forecasts[19].id").value("s19"));
    }

    @Test
    void aModelByVersionAnswers() throws Exception {
        postJson(Series.body(3, SEASONAL, "\"model\":\"default@1\"")).andExpect(status().isOk())
                .andExpect(jsonPath("$.model.version").value(1));
    }

    @Test
    void monthlyTimestampsContinueOnMonthEnds() throws Exception {
        List<String> ts = Series.monthEnds(LocalDate.of(2020, 1, 31), 60);
        postJson("{\"horizon\":3,\"series\":[{\"id\":\"m\",\"values\":" + Series.json(SEASONAL) + ",\"timestamps\":"
                + Series.strings(ts) + "}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].frequency").value("M"))
                .andExpect(jsonPath("$.forecasts[0].timestamps[0]").value("2025-01-31"))
                .andExpect(jsonPath("$.forecasts[0].timestamps[1]").value("2025-02-28"))
                .andExpect(jsonPath("$.forecasts[0].timestamps[2]").value("2025-03-31"));
    }

    @Test
    void dailyTimestampsContinueDayByDay() throws Exception {
        List<String> ts = Series.days(LocalDate.of(2024, 2, 1), 60);
        postJson("{\"horizon\":2,\"series\":[{\"id\":\"d\",\"values\":" + Series.json(SEASONAL) + ",\"timestamps\":"
                + Series.strings(ts) + "}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].frequency").value("D"))
                .andExpect(jsonPath("$.forecasts[0].timestamps[0]").value("2024-04-01"))
                .andExpect(jsonPath("$.forecasts[0].timestamps[1]").value("2024-04-02"));
    }

    @Test
    void startAndFrequencyGiveTheTimestamps() throws Exception {
        postJson("{\"horizon\":2,\"frequency\":\"W\",\"series\":[{\"id\":\"w\",\"start\":\"2024-01-01\",\"values\":"
                + Series.json(SEASONAL) + "}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].timestamps[0]").value(LocalDate.of(2024, 1, 1).plusWeeks(60).toString()));
    }

    @Test
    void irregularTimestampsWithoutAFrequencyAre400() throws Exception {
        List<String> ts = new java.util.ArrayList<>(Series.days(LocalDate.of(2024, 1, 1), 61));
        ts.remove(3); // 2024-01-04 missing
        badRequest("{\"horizon\":2,\"series\":[{\"id\":\"irr\",\"values\":" + Series.json(SEASONAL) + ",\"timestamps\":"
                + Series.strings(ts) + "}]}", "series[0].timestamps[3]", "irregular at index 3");
    }

    @Test
    void irregularTimestampsWithAFrequencyStepFromTheLastOne() throws Exception {
        List<String> ts = new java.util.ArrayList<>(Series.days(LocalDate.of(2024, 1, 1), 61));
        ts.remove(3);
        postJson("{\"horizon\":1,\"frequency\":\"D\",\"series\":[{\"id\":\"irr\",\"values\":" + Series.json(SEASONAL)
                + ",\"timestamps\":" + Series.strings(ts) + "}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].timestamps[0]").value("2024-03-02"));
    }

    @Test
    void aHorizonBeyondTheModelsIsExtendedRecursivelyAndFlagged() throws Exception {
        // The model's own forecast: a statistical candidate answering would not be recursive.
        postJson(Series.body(30, SEASONAL, "\"selection\":\"model\"")).andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].mean", hasSize(30)))
                .andExpect(jsonPath("$.forecasts[0].extended").value(true))
                .andExpect(jsonPath("$.forecasts[0].recursiveFrom").value(24))
                .andExpect(jsonPath("$.warnings[0]").value(containsString("recursively")));
    }

    @Test
    void aSeriesShorterThanTheWindowIsPaddedAndFlagged() throws Exception {
        postJson(Series.body(4, Series.seasonal(20, 3), null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].paddedSteps").value(16))
                .andExpect(jsonPath("$.warnings[0]").value(containsString("'s1'")));
    }

    @Test
    void missingValuesAreFilled() throws Exception {
        double[] gappy = SEASONAL.clone();
        gappy[5] = Double.NaN;
        gappy[6] = Double.NaN;
        gappy[59] = Double.NaN;
        postJson(Series.body(3, gappy, null)).andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].mean", hasSize(3)));
    }

    @Test
    void csvWithIdTimestampValueRows() throws Exception {
        StringBuilder csv = new StringBuilder("id,timestamp,value\n");
        List<String> ts = Series.monthEnds(LocalDate.of(2020, 1, 31), 60);
        for (String id : List.of("a", "b")) {
            for (int i = 0; i < 60; i++) {
                csv.append(id).append(',').append(ts.get(i)).append(',').append(i == 7 ? "" : SEASONAL[i]).append('\n');
            }
        }
        mvc.perform(post("/forecast").contentType(CSV).content(csv.toString())
                        .param("horizon", "3").param("levels", "80,95").param("model", "default"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts", hasSize(2)))
                .andExpect(jsonPath("$.forecasts[1].id").value("b"))
                .andExpect(jsonPath("$.forecasts[0].timestamps[0]").value("2025-01-31"))
                .andExpect(jsonPath("$.forecasts[0].intervals['95'].lower", hasSize(3)));
    }

    @Test
    void eachForecastSaysWhichForecasterAnsweredAndHowTheCandidatesDidOnItsPast() throws Exception {
        // 60 points, horizon 6: origins every point from 24 (two seasons of 12) to 54, i.e. 31 of them.
        postJson(Series.body(6, SEASONAL, "\"frequency\":\"M\",\"start\":\"2020-01-01\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].selection.method").value(
                        org.hamcrest.Matchers.oneOf("model+theta+damped", "model+theta", "model", "theta",
                                "damped-trend", "autoregression", "seasonal-naive", "seasonal-smoothing")))
                .andExpect(jsonPath("$.forecasts[0].selection.origins").value(31))
                .andExpect(jsonPath("$.forecasts[0].selection.mase.model").isNumber())
                .andExpect(jsonPath("$.forecasts[0].selection.mase['model+theta']").isNumber())
                .andExpect(jsonPath("$.forecasts[0].selection.mase.theta").isNumber())
                .andExpect(jsonPath("$.forecasts[0].selection.mase['damped-trend']").isNumber())
                .andExpect(jsonPath("$.forecasts[0].selection.mase.autoregression").isNumber())
                .andExpect(jsonPath("$.forecasts[0].selection.mase['model+theta+damped']").isNumber())
                .andExpect(jsonPath("$.forecasts[0].selection.mase['seasonal-naive']").isNumber())
                .andExpect(jsonPath("$.forecasts[0].selection.mase['seasonal-smoothing']").isNumber());
    }

    @Test
    void selectionModelAlwaysAnswersWithTheModel() throws Exception {
        postJson(Series.body(6, SEASONAL, "\"selection\":\"model\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].selection.method").value("model"))
                .andExpect(jsonPath("$.forecasts[0].selection.mase.theta").doesNotExist());
        mvc.perform(post("/forecast").contentType(CSV).content("timestamp,value\n" + csvRows(SEASONAL))
                        .param("horizon", "2").param("selection", "model"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].selection.method").value("model"));
    }

    @Test
    void selectionOffAnswersWithTheModelAndItsModelCardIntervals() throws Exception {
        postJson(Series.body(6, SEASONAL, "\"selection\":\"off\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].mean", hasSize(6)))
                .andExpect(jsonPath("$.forecasts[0].selection").doesNotExist());
    }

    @Test
    void forecastWithAnUnknownSelectionReturns400() throws Exception {
        badRequest(Series.body(3, SEASONAL, "\"selection\":\"fastest\""), "selection",
                "selection must be \"best\"");
    }

    private static String csvRows(double[] values) {
        List<String> ts = Series.monthEnds(LocalDate.of(2020, 1, 31), values.length);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            csv.append(ts.get(i)).append(',').append(values[i]).append('\n');
        }
        return csv.toString();
    }

    @Test
    void csvWithTimestampValueRowsIsOneSeries() throws Exception {
        StringBuilder csv = new StringBuilder();
        List<String> ts = Series.days(LocalDate.of(2024, 1, 1), 60);
        for (int i = 0; i < 60; i++) {
            csv.append(ts.get(i)).append(',').append(SEASONAL[i]).append("\r\n");
        }
        mvc.perform(post("/forecast").contentType(CSV).content(csv.toString()).param("horizon", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts", hasSize(1)))
                .andExpect(jsonPath("$.forecasts[0].id").value("series"))
                .andExpect(jsonPath("$.forecasts[0].timestamps[1]").value("2024-03-02"));
    }

    // ------------------------------------------------------------------------------------------
    // Bad input: one test per case

    @Test
    void forecastWithNaNValueReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"s1\",\"values\":[1,2,NaN,4]}]}", "series[0].values[2]",
                "Non-standard token 'NaN'")
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("enable"))));
    }

    @Test
    void forecastWithInfinityValueReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"s1\",\"values\":[1,2,Infinity]}]}", "series[0].values[2]",
                "Infinity");
    }

    @Test
    void forecastWithAnOverflowingValueReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"s1\",\"values\":[1,2,1e400,4]}]}", "series[0].values[2]",
                "infinite");
    }

    @Test
    void forecastWithAStringValueReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"s1\",\"values\":[1,2,\"12\",4]}]}", "series[0].values[2]",
                "must be a number or null, got a string (\"12\")");
    }

    @Test
    void forecastWithABooleanValueReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"s1\",\"values\":[1,true]}]}", "series[0].values[1]",
                "got a boolean");
    }

    @Test
    void forecastWithValuesNotAnArrayReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"s1\",\"values\":\"1,2,3\"}]}", "series[0].values",
                "must be an array");
    }

    @Test
    void forecastWithNoSeriesReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[]}", "series", "at least one series");
    }

    @Test
    void forecastWithAnEmptySeriesReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"empty-one\",\"values\":[]}]}", "series[0].values",
                "'empty-one' (series[0]) has no values");
    }

    @Test
    void forecastWithOnlyMissingValuesReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"holes\",\"values\":[null,null,null]}]}", "series[0].values",
                "series 'holes'");
    }

    @Test
    void forecastWithoutAnIdReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"values\":[1,2,3]}]}", "series[0].id", "series[0].id is required");
    }

    @Test
    void forecastWithADuplicateIdReturns400() throws Exception {
        badRequest("{\"horizon\":3,\"series\":[{\"id\":\"x\",\"values\":[1,2,3]},{\"id\":\"x\",\"values\":[1,2,3]}]}",
                "series[1].id", "'x' appears more than once");
    }

    @Test
    void forecastWithHorizonZeroReturns400() throws Exception {
        badRequest(Series.body(0, SEASONAL, null), "horizon", "between 1 and 500 but was 0");
    }

    @Test
    void forecastWithAHorizonOverTheLimitReturns400() throws Exception {
        badRequest(Series.body(501, SEASONAL, null), "horizon", "between 1 and 500 but was 501");
    }

    @Test
    void forecastWithoutAHorizonReturns400() throws Exception {
        badRequest("{\"series\":[{\"id\":\"s1\",\"values\":[1,2,3]}]}", "horizon", "horizon is required");
    }

    @Test
    void forecastWithAFractionalHorizonReturns400() throws Exception {
        badRequest("{\"horizon\":2.5,\"series\":[{\"id\":\"s1\",\"values\":[1,2,3]}]}", "horizon",
                "whole number, got the number 2.5");
    }

    @Test
    void forecastWithAStringHorizonReturns400() throws Exception {
        badRequest("{\"horizon\":\"12\",\"series\":[{\"id\":\"s1\",\"values\":[1,2,3]}]}", "horizon",
                "whole number, got a string");
    }

    @Test
    void forecastWithALevelOf100Returns400() throws Exception {
        badRequest(Series.body(3, SEASONAL, "\"levels\":[80,100]"), "levels[1]", "between 1 and 99 but was 100");
    }

    @Test
    void forecastWithALevelBelow1Returns400() throws Exception {
        badRequest(Series.body(3, SEASONAL, "\"levels\":[0.5]"), "levels[0]", "between 1 and 99 but was 0.5");
    }

    @Test
    void forecastWithAStringLevelReturns400() throws Exception {
        badRequest(Series.body(3, SEASONAL, "\"levels\":[\"80\"]"), "levels[0]", "got a string");
    }

    @Test
    void forecastWithAnUnknownFrequencyReturns400() throws Exception {
        badRequest(Series.body(3, SEASONAL, "\"frequency\":\"fortnightly\""), "frequency", "unknown frequency");
    }

    @Test
    void forecastWithAFrequencyThatContradictsTheTimestampsReturns400() throws Exception {
        List<String> ts = Series.days(LocalDate.of(2024, 1, 1), 60);
        badRequest("{\"horizon\":2,\"frequency\":\"M\",\"series\":[{\"id\":\"d\",\"values\":" + Series.json(SEASONAL)
                + ",\"timestamps\":" + Series.strings(ts) + "}]}", "frequency", "which step by D");
    }

    @Test
    void forecastWithFewerTimestampsThanValuesReturns400() throws Exception {
        badRequest("{\"horizon\":2,\"series\":[{\"id\":\"t\",\"values\":[1,2,3],\"timestamps\":[\"2024-01-01\"]}]}",
                "series[0].timestamps", "3 values but 1 timestamps");
    }

    @Test
    void forecastWithAnUnparseableTimestampReturns400() throws Exception {
        badRequest("{\"horizon\":2,\"series\":[{\"id\":\"t\",\"values\":[1,2,3],"
                + "\"timestamps\":[\"2024-01-01\",\"2024-01-02\",\"yesterday\"]}]}",
                "series[0].timestamps[2]", "'yesterday'");
    }

    @Test
    void forecastWithAStartButNoFrequencyReturns400() throws Exception {
        badRequest("{\"horizon\":2,\"series\":[{\"id\":\"t\",\"values\":[1,2,3],\"start\":\"2024-01-01\"}]}",
                "series[0].start", "no frequency");
    }

    @Test
    void forecastWithAnUnknownModelReturns404() throws Exception {
        postJson(Series.body(3, SEASONAL, "\"model\":\"nosuchmodel\"")).andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value(containsString("nosuchmodel")));
    }

    @Test
    void forecastWithAnUnknownVersionReturns404() throws Exception {
        postJson(Series.body(3, SEASONAL, "\"model\":\"default@99\"")).andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM));
    }

    @Test
    void forecastWithAnInvalidModelNameReturns400() throws Exception {
        postJson(Series.body(3, SEASONAL, "\"model\":\"Bad Name!\"")).andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Invalid model name"));
    }

    @Test
    void forecastWithMalformedJsonReturns400() throws Exception {
        postJson("{\"horizon\":3,\"series\":[{\"id\":\"s1\",\"values\":[1,2,3]}").andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Malformed JSON"))
                .andExpect(jsonPath("$.detail").value(containsString("line 1")));
    }

    @Test
    void forecastWithAnObjectForTheIdReturns400() throws Exception {
        postJson("{\"horizon\":3,\"series\":[{\"id\":{\"a\":1},\"values\":[1,2,3]}]}").andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value("series[0].id"))
                .andExpect(jsonPath("$.detail").value("series[0].id must be a string, got an object"));
    }

    @Test
    void forecastWithAnEmptyBodyReturns400() throws Exception {
        postJson("").andExpect(status().isBadRequest()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value("the request body is missing"));
    }

    @Test
    void forecastWithTooManySeriesReturns413() throws Exception {
        StringBuilder body = new StringBuilder("{\"horizon\":2,\"series\":[");
        for (int i = 0; i < 51; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"values\":[1,2,3]}");
        }
        postJson(body.append("]}").toString()).andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value(containsString("at most 50 series but this one has 51")));
    }

    @Test
    void forecastWithTooManyPointsReturns413() throws Exception {
        postJson(Series.body(2, Series.seasonal(5001, 1), null)).andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value("series[0].values"))
                .andExpect(jsonPath("$.detail").value(containsString("5001 values; at most 5000")));
    }

    @Test
    void forecastWithAnOversizedBodyReturns413() throws Exception {
        postJson(Series.body(2, Series.seasonal(4000, 1), "\"pad\":\"" + "x".repeat(200_000) + "\""))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value(containsString("over the limit of 204800 bytes")));
    }

    @Test
    void forecastWithAnUnsupportedContentTypeReturns415() throws Exception {
        mvc.perform(post("/forecast").contentType(MediaType.TEXT_PLAIN).content("1,2,3"))
                .andExpect(status().isUnsupportedMediaType()).andExpect(content().contentType(PROBLEM));
    }

    @Test
    void csvWithANonNumericValueReturns400NamingTheLine() throws Exception {
        mvc.perform(post("/forecast").contentType(CSV).param("horizon", "2")
                        .content("id,timestamp,value\na,2024-01-01,1\na,2024-01-02,abc\n"))
                .andExpect(status().isBadRequest()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Malformed CSV"))
                .andExpect(jsonPath("$.field").value("line 3"))
                .andExpect(jsonPath("$.detail").value(containsString("'abc' is not a number")));
    }

    @Test
    void csvWithARaggedRowReturns400NamingTheLine() throws Exception {
        mvc.perform(post("/forecast").contentType(CSV).param("horizon", "2")
                        .content("2024-01-01,1\n2024-01-02,2,3\n"))
                .andExpect(status().isBadRequest()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value("line 2: expected 2 fields but found 3"));
    }

    @Test
    void csvWithABadHorizonParameterReturns400() throws Exception {
        mvc.perform(post("/forecast").contentType(CSV).param("horizon", "ten").content("2024-01-01,1\n2024-01-02,2\n"))
                .andExpect(status().isBadRequest()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value("horizon"));
    }

    // ------------------------------------------------------------------------------------------
    // OpenAPI

    @Test
    void openApiDocumentListsForecastAndSwaggerUiIsOpen() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(doc).contains("\"/forecast\"", "ForecastRequest", "monthly sales", "text/csv");
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }
}
