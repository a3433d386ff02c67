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
        double ours = Metrics.mase(actual, mean(answer), history, 336);
        double weekly = Metrics.mase(actual, Baselines.seasonalNaive(history, 336, 336), history, 336);
        System.out.printf("half-hourly: %s, MASE %.3f; seasonal naive at 336: %.3f%n",
                answer.at("/forecasts/0/selection/method").asString(), ours, weekly);
        assertThat(answer.at("/forecasts/0/selection/mase").has("multi-seasonal")).isTrue();
        assertThat(ours).isLessThan(weekly);
    }

    @Test
    void dailyTwoMonthsAheadBeatsSeasonalNaiveAtTheYear() throws Exception {
        double[] series = MultiSeasonalSeries.daily(3 * 365 + 60, 12);
        double[] history = Arrays.copyOf(series, 3 * 365);
        double[] actual = Arrays.copyOfRange(series, 3 * 365, series.length);
        String body = "{\"horizon\":60,\"frequency\":\"D\",\"series\":[{\"id\":\"demand\",\"timestamps\":"
                + Series.strings(Series.days(LocalDate.of(2021, 1, 4), history.length)) + ",\"values\":"
                + Series.json(history) + "}]}";
        JsonNode answer = forecast(body);
        double ours = Metrics.mase(actual, mean(answer), history, 365);
        double yearly = Metrics.mase(actual, Baselines.seasonalNaive(history, 365, 60), history, 365);
        System.out.printf("daily: %s, MASE %.3f; seasonal naive at 365: %.3f%n",
                answer.at("/forecasts/0/selection/method").asString(), ours, yearly);
        assertThat(answer.at("/forecasts/0/selection/mase").has("seasonal-naive-long")).isTrue();
        assertThat(ours).isLessThan(yearly);
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
