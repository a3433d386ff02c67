package io.seqcast.api.forecast;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The Spring setup of {@link ForecastControllerTest} and {@link BacktestControllerTest}: the full wiring
 * through MockMvc, an empty registry folder (seeded with the bundled default model) and small limits
 * (50 series, 5000 points, horizon 500, 200 KB bodies). Both extend it, so they share one Spring context.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class ForecastApiTestSupport {

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("seqcast-forecast-api");
        registry.add("seqcast.registry.directory", dir::toString);
        registry.add("seqcast.forecast.max-series", () -> "50");
        registry.add("seqcast.forecast.max-points", () -> "5000");
        registry.add("seqcast.forecast.max-horizon", () -> "500");
        registry.add("seqcast.forecast.max-body-size", () -> "200KB");
    }

    @Autowired
    MockMvc mvc;

    /** POSTs a JSON body to {@code path}. */
    ResultActions postJson(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** POSTs a JSON body to {@code path}: a 400 problem naming {@code field}, {@code detail} in its detail. */
    ResultActions badRequest(String path, String body, String field, String detail) throws Exception {
        return postJson(path, body).andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.detail").value(containsString(detail)));
    }
}
