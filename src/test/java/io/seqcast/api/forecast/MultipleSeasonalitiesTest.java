package io.seqcast.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.seqcast.series.metrics.Baselines;
import io.seqcast.series.metrics.Metrics;
import io.seqcast.series.stats.MultiSeasonalSeries;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code POST /forecast} answers with default settings for series with two seasonal cycles (issue 12):
 * half-hourly load with a day and a week, daily demand with a week and a year (seeded generated data,
 * {@link MultiSeasonalSeries}). The bar: a lower MASE on the held-out points than seasonal naive at the
 * longer cycle, the forecast a service that saw only the shorter cycle was 8 times worse than.
 */
class MultipleSeasonalitiesTest extends ForecastApiTestSupport {

    @Test
    void halfHourlyWeekAheadBeatsSeasonalNaiveAtTheWeek() throws Exception {
        double[] series = MultiSeasonalSeries.halfHourly(8, 11);
        double[] history = Arrays.copyOf(series, 7 * 336);
        double[] actual = Arrays.copyOfRange(series, 7 * 336, series.length);
        JsonNode answer = forecast(Series.body(336, history, "\"frequency\":\"30min\""));
        assertBeatsSeasonalNaive(answer, history, actual, 336);
    }

    @Test
    void dailyTwoMonthsAheadBeatsSeasonalNaiveAtTheYear() throws Exception {
        double[] series = MultiSeasonalSeries.daily(3 * 365 + 60, 12);
        double[] history = Arrays.copyOf(series, 3 * 365);
        double[] actual = Arrays.copyOfRange(series, 3 * 365, series.length);
        String body = "{\"horizon\":60,\"frequency\":\"D\",\"series\":[{\"id\":\"demand\",\"timestamps\":"
                + Series.strings(Series.days(LocalDate.of(2021, 1, 4), history.length)) + ",\"values\":"
                + Series.json(history) + "}]}";
        assertBeatsSeasonalNaive(forecast(body), history, actual, 365);
    }

    /** The answer's MASE is below seasonal naive's at {@code period}; both longer-cycle candidates competed. */
    private static void assertBeatsSeasonalNaive(JsonNode answer, double[] history, double[] actual, int period) {
        double ours = Metrics.mase(actual, mean(answer), history, period);
        double seasonalNaive = Metrics.mase(actual, Baselines.seasonalNaive(history, period, actual.length), history,
                period);
        System.out.printf("period %d: %s answered, MASE %.3f; seasonal naive at %d: %.3f%n", period,
                answer.at("/forecasts/0/selection/method").asString(), ours, period, seasonalNaive);
        assertThat(answer.at("/forecasts/0/selection/mase").has("multi-seasonal")).isTrue();
        assertThat(answer.at("/forecasts/0/selection/mase").has("seasonal-naive-long")).isTrue();
        assertThat(ours).isLessThan(seasonalNaive);
    }

    private JsonNode forecast(String body) throws Exception {
        String json = postJson("/forecast", body).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(json);
    }

    private static double[] mean(JsonNode answer) {
        JsonNode mean = answer.at("/forecasts/0/mean");
        double[] out = new double[mean.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = mean.get(k).asDouble();
        }
        return out;
    }
}
