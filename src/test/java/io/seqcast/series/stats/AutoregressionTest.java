package io.seqcast.series.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AutoregressionTest {

    /**
     * R's {@code ar()} (Yule-Walker, demeaned, order by AIC up to {@code 10 log10 n}) and ours run the
     * same closed-form recursion, so they agree to rounding: measured at most 3.1e-15 relative over the
     * six series (the test prints each). R's fixtures: {@code tools/r/ar_fixtures.R}.
     */
    private static final double R_TOLERANCE = 1e-9;

    @Test
    void matchesRsArOnPublicDatasets() throws IOException {
        Map<String, List<double[]>> expected = rFixtures();
        for (Map.Entry<String, List<double[]>> e : expected.entrySet()) {
            double[] history = dataset(e.getKey());
            double mean = Arrays.stream(history).average().orElseThrow();
            int order = (int) e.getValue().get(0)[0];
            assertThat(Autoregression.coefficients(history, mean)).as(e.getKey() + " order").hasSize(order);
            double[] ours = Autoregression.forecast(history, 1, e.getValue().size());
            double worst = 0;
            for (int i = 0; i < ours.length; i++) {
                double r = e.getValue().get(i)[1];
                worst = Math.max(worst, Math.abs(ours[i] - r) / Math.abs(r));
            }
            System.out.printf("ar vs R %-14s order %d max relative difference %.1e%n", e.getKey(), order, worst);
            assertThat(worst).as(e.getKey()).isLessThan(R_TOLERANCE);
        }
    }

    @Test
    void aCycleThatIsNotASeasonTurnsInsteadOfGoingFlat() {
        // A 10-step cycle, as lynx's: the forecast from a peak must come down and go back up.
        double[] history = new double[100];
        for (int t = 0; t < history.length; t++) {
            history[t] = 100 + 30 * Math.sin(2 * Math.PI * t / 10) + (t % 3 == 0 ? 1 : -0.5);
        }
        double[] f = Autoregression.forecast(history, 1, 10);
        double min = Arrays.stream(f).min().orElseThrow();
        double max = Arrays.stream(f).max().orElseThrow();
        assertThat(max - min).isGreaterThan(40);
    }

    @Test
    void shortOrConstantHistoriesForecastTheirMean() {
        assertThat(Autoregression.forecast(new double[] {5}, 1, 3)).containsExactly(5, 5, 5);
        assertThat(Autoregression.forecast(new double[] {1, 2, 3}, 1, 2)).containsExactly(2, 2);
        assertThat(Autoregression.forecast(new double[] {7, 7, 7, 7, 7, 7}, 1, 2)).containsExactly(7, 7);
    }

    @Test
    void extremeButFiniteValuesGiveFiniteForecasts() {
        double[] huge = new double[40];
        double[] negative = new double[40];
        for (int t = 0; t < huge.length; t++) {
            huge[t] = 1e300 * (1 + 0.1 * Math.sin(t));
            negative[t] = -50 + 10 * Math.cos(t / 3.0);
        }
        assertThat(Arrays.stream(Autoregression.forecast(huge, 1, 5)).allMatch(Double::isFinite)).isTrue();
        assertThat(Arrays.stream(Autoregression.forecast(negative, 12, 5)).allMatch(Double::isFinite)).isTrue();
        assertThat(Autoregression.forecast(negative, 1, 1)[0]).isCloseTo(-50, offset(25.0));
    }

    @Test
    void refusesAnEmptyHistoryOrAZeroHorizon() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Autoregression.forecast(new double[0], 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Autoregression.forecast(new double[] {1}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Per series: rows of {order, forecast} by step. */
    private static Map<String, List<double[]>> rFixtures() throws IOException {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (String line : lines("/fixtures/autoregression/ar-r.csv").subList(1, 61)) {
            String[] c = line.replace("\"", "").split(",");
            out.computeIfAbsent(c[0], k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[3])});
        }
        return out;
    }

    private static double[] dataset(String name) throws IOException {
        List<String> rows = lines("/datasets/" + name + ".csv");
        double[] values = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            String[] c = rows.get(i).split(",", -1);
            values[i - 1] = Double.parseDouble(c[1]);
        }
        return values;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = AutoregressionTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            return lines;
        }
    }
}
