package io.seqcast.api.forecast;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The non-default policies: strict horizon, refusing short series, a protected /forecast, registered auto
 * models, a candidate excluded from the check.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ForecastPoliciesTest {

    static final String KEY = "forecast-key";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("seqcast-forecast-policies");
        registry.add("seqcast.registry.directory", dir::toString);
        registry.add("seqcast.forecast.strict-horizon", () -> "true");
        registry.add("seqcast.forecast.short-series", () -> "refuse");
        registry.add("seqcast.forecast.auto.register", () -> "true");
        registry.add("seqcast.security.protect-forecast", () -> "true");
        registry.add("seqcast.security.api-keys", () -> KEY);
        registry.add("seqcast.forecast.selection.exclude", () -> "seasonal-smoothing");
    }

    @Autowired
    MockMvc mvc;

    MockHttpServletRequestBuilder forecast(String body) {
        return post("/forecast").header("X-API-Key", KEY).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void anExcludedCandidateIsNeitherScoredNorChosen() throws Exception {
        mvc.perform(forecast(Series.body(12, Series.seasonal(96, 3), "\"frequency\":\"M\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].selection.mase.seasonal-naive").exists())
                .andExpect(jsonPath("$.forecasts[0].selection.mase.seasonal-smoothing").doesNotExist())
                .andExpect(jsonPath("$.forecasts[0].selection.method").value(not("seasonal-smoothing")));
    }

    @Test
    void strictModeRefusesAHorizonBeyondTheModels() throws Exception {
        mvc.perform(forecast(Series.body(30, Series.seasonal(60, 1), null)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("horizon"))
                .andExpect(jsonPath("$.detail").value(containsString("beyond the horizon 24 of model 'default@1'")));
        mvc.perform(forecast(Series.body(24, Series.seasonal(60, 1), null))).andExpect(status().isOk());
    }

    @Test
    void refusePolicyNamesTheShortSeries() throws Exception {
        mvc.perform(forecast(Series.body(3, Series.seasonal(20, 1), null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("series 's1' is shorter than the window of 36")));
    }

    @Test
    void aBacktestFollowsTheSamePoliciesNamingTheHistoriesBeforeItsOrigins() throws Exception {
        String series = Series.json(Series.seasonal(60, 1));
        mvc.perform(post("/backtest").header("X-API-Key", KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"horizon\":30,\"windows\":1,\"series\":[{\"id\":\"s1\",\"values\":" + series + "}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("horizon"));
        // Origins at 32 and 46: the history before the first is shorter than the window of 36.
        mvc.perform(post("/backtest").header("X-API-Key", KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"horizon\":14,\"windows\":2,\"series\":[{\"id\":\"s1\",\"values\":" + series + "}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("series"))
                .andExpect(jsonPath("$.detail").value(containsString(
                        "the history of series 's1' before an origin is shorter than the window of 36")));
    }

    @Test
    void aProtectedForecastNeedsAKey() throws Exception {
        mvc.perform(post("/forecast").contentType(MediaType.APPLICATION_JSON)
                        .content(Series.body(3, Series.seasonal(60, 1), null)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/backtest").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        // The API description stays open.
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void aRegisteredAutoModelIsServedByNameAfterwards() throws Exception {
        String body = "{\"model\":\"auto\",\"horizon\":6,\"series\":[{\"id\":\"r\",\"values\":"
                + Series.json(Series.seasonal(120, 9)) + "}]}";
        String answer = mvc.perform(forecast(body)).andExpect(status().isOk())
                .andExpect(jsonPath("$.model.name").value(startsWith("auto-")))
                .andExpect(jsonPath("$.model.version").value(1))
                .andExpect(jsonPath("$.model.ephemeral").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String name = answer.replaceAll("(?s).*\"name\":\"(auto-[0-9a-f]+)\".*", "$1");
        mvc.perform(forecast(Series.body(6, Series.seasonal(120, 9), "\"model\":\"" + name + "\"")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.model.name").value(name));
    }
}
