package io.seqcast.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document's forecast example is what the service really answers: its request, posted to
 * the service with the bundled default model, gives its response (numbers to 1e-3: another CPU's
 * vector width may round the fourth decimal differently).
 */
class OpenApiExamplesTest extends ForecastApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theMonthlyExampleIsWhatTheServiceAnswers() throws Exception {
        String answer = postJson("/forecast", Examples.MONTHLY_REQUEST).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        List<String> differences = new ArrayList<>();
        compare("$", JSON.readTree(Examples.MONTHLY_RESPONSE), JSON.readTree(answer), differences);
        assertThat(differences).as("Examples.MONTHLY_RESPONSE against the real answer " + answer).isEmpty();
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isNumber() && actual.isNumber()) {
            if (Math.abs(expected.asDouble() - actual.asDouble()) > 1e-3) {
                differences.add(path + ": " + expected + " != " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>(expected.propertyNames());
            List<String> actualNames = new ArrayList<>(actual.propertyNames());
            if (!names.equals(actualNames)) {
                differences.add(path + ": fields " + names + " != " + actualNames);
            }
            names.stream().filter(actual::has).forEach(n -> compare(path + "." + n, expected.get(n), actual.get(n), differences));
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": " + expected.size() + " items != " + actual.size());
            }
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": " + expected + " != " + actual);
        }
    }
}
