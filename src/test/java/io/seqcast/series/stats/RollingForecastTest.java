package io.seqcast.series.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.series.Datasets;
import io.seqcast.series.GapFiller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rolling entry points ({@link DampedTrend#forecastFrom}, {@link Theta#forecastFrom}) against
 * the one-cut fits they replace, on rolling-origin schedules like {@code RollingOriginSelector}'s.
 */
class RollingForecastTest {

    /** Horizons of the schedules: origins {@code ceil(h / 6)} apart (1, 2, 4 and 10 points). */
    private static final int[] HORIZONS = {6, 12, 24, 60};

    /** Most origins per schedule, as the selector's default; the series' end is one more cut. */
    private static final int MAX_ORIGINS = 40;

    /** Most points a fit sees, as the selector; the long series (sunspots, the stock indices) pass it. */
    private static final int MAX_HISTORY = 1_000;

    @Test
    void warmStartedDampedTrendFitsAsWellAsTheFullSearchAtEveryCut() {
        List<Double> ratios = new ArrayList<>();
        int fits = 0;
        int fullSearches = 0;
        String worstCase = "";
        double worst = 0;
        for (Case c : cases()) {
            for (int horizon : HORIZONS) {
                int[] cuts = cuts(c.values.length, horizon, c.season);
                DampedTrend.WarmStart warm = new DampedTrend.WarmStart();
                double[][] rolling = DampedTrend.forecastFrom(c.values, cuts, c.season, horizon, MAX_HISTORY);
                for (int j = 0; j < cuts.length; j++) {
                    double[] history = history(c.values, cuts[j]);
                    int fitsBefore = warm.fits;
                    double[] expected = DampedTrend.forecast(history, c.season, horizon, warm);
                    assertThat(rolling[j]).as("%s h=%d cut %d", c.name, horizon, cuts[j]).containsExactly(expected);
                    for (double f : rolling[j]) {
                        assertThat(Double.isFinite(f)).as("%s cut %d finite", c.name, cuts[j]).isTrue();
                    }
                    double[] y = AdjustedHistory.of(history, c.season).values;
                    if (warm.fits == fitsBefore) {
                        continue; // constant or too short: no fit, the same answer either way
                    }
                    double cold = DampedTrend.fit(y).sse();
                    double ratio = cold > 0 ? warm.last.sse() / cold : 1;
                    ratios.add(ratio);
                    if (ratio > worst) {
                        worst = ratio;
                        worstCase = c.name + " h=" + horizon + " cut " + cuts[j];
                    }
                }
                fits += warm.fits;
                fullSearches += warm.fullSearches;
            }
        }
        System.out.printf("damped rolling: %d cuts, %d full searches (%.1f%%); %s%n", ratios.size(), fullSearches,
                100.0 * fullSearches / fits, TestSeries.warmColdSummary(ratios, worstCase));
        assertThat(ratios.size()).isGreaterThan(1000);
        assertThat(TestSeries.shareWithin(ratios, 1.001)).as("share of cuts within 1.001 of the cold SSE")
                .isGreaterThanOrEqualTo(0.99);
        assertThat(worst).as("worst warm / cold SSE (%s)", worstCase).isLessThanOrEqualTo(1.01);
    }

    @Test
    void rollingThetaIsThetaAtEachCut() {
        for (Case c : cases()) {
            int[] cuts = cuts(c.values.length, 12, c.season);
            double[][] rolling = Theta.forecastFrom(c.values, cuts, c.season, 12, MAX_HISTORY);
            for (int j = 0; j < cuts.length; j++) {
                assertThat(rolling[j]).as("%s cut %d", c.name, cuts[j])
                        .containsExactly(Theta.forecast(history(c.values, cuts[j]), c.season, 12));
            }
        }
    }

    @Test
    void eachCutSeesOnlyItsOwnPast() {
        double[] values = Datasets.values("AirPassengers");
        int[] cuts = cuts(values.length, 12, 12);
        double[][] before = DampedTrend.forecastFrom(values, cuts, 12, 12, 50);
        double[] changed = values.clone();
        int last = cuts[cuts.length - 2];
        for (int t = last; t < changed.length; t++) {
            changed[t] *= 3; // everything from the second-to-last cut on
        }
        double[][] after = DampedTrend.forecastFrom(changed, cuts, 12, 12, 50);
        for (int j = 0; j < cuts.length - 1; j++) {
            assertThat(after[j]).as("cut %d", cuts[j]).containsExactly(before[j]);
        }
        assertThat(after[cuts.length - 1]).isNotEqualTo(before[cuts.length - 1]);
        // a bounded history: a change before the window of every cut changes nothing either
        double[] early = values.clone();
        early[0] = 1e6;
        int[] late = {60, 100, 144};
        double[][] window = DampedTrend.forecastFrom(values, late, 12, 6, 50);
        double[][] windowEarly = DampedTrend.forecastFrom(early, late, 12, 6, 50);
        for (int j = 0; j < late.length; j++) {
            assertThat(windowEarly[j]).containsExactly(window[j]);
        }
    }

    @Test
    void rejectsCutsOutOfOrderOrRange() {
        double[] values = {1, 2, 3, 4, 5, 6};
        assertThatThrownBy(() -> DampedTrend.forecastFrom(values, new int[] {4, 3}, 1, 2, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DampedTrend.forecastFrom(values, new int[] {0}, 1, 2, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Theta.forecastFrom(values, new int[] {7}, 1, 2, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Theta.forecastFrom(values, new int[] {3}, 1, 2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DampedTrend.forecastFrom(values, new int[0], 1, 2, 10)).isEmpty();
    }

    /** The points a fit at {@code cut} sees. */
    private static double[] history(double[] values, int cut) {
        return Arrays.copyOfRange(values, Math.max(0, cut - MAX_HISTORY), cut);
    }

    /**
     * The selector's schedule ({@code RollingOriginSelector.origins}): from {@code max(8, 2 season)}
     * points on, {@code ceil(h / 6)} apart, the last leaving {@code h} points after it, at most
     * {@value #MAX_ORIGINS}; then the series' end.
     */
    static int[] cuts(int length, int horizon, int season) {
        int first = Math.max(8, 2 * season);
        int stride = (horizon + 5) / 6;
        int last = Math.min(length - 1, Math.max(length - horizon, first + 2 * stride));
        int count = Math.max(0, Math.min(MAX_ORIGINS, (last - first) / stride + 1));
        int[] cuts = new int[count + 1];
        for (int j = 0; j < count; j++) {
            cuts[j] = last - stride * (count - 1 - j);
        }
        cuts[count] = length;
        return cuts;
    }

    record Case(String name, double[] values, int season) {
    }

    /**
     * Every dataset of {@code src/test/resources/datasets} (gaps filled as the service fills them),
     * seasonal at its frequency when monthly or quarterly (the stock indices also at 5, a trading
     * week), and 20 random trending seasonal series of 200 monthly points like SelectionBenchmark's.
     */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, Double> e : frequencies().entrySet()) {
            double[] values = new GapFiller().fill(e.getKey(), Datasets.values(e.getKey()));
            int frequency = (int) Math.round(e.getValue());
            cases.add(new Case(e.getKey(), values, frequency == 4 || frequency == 12 ? frequency : 1));
            if (frequency == 260) {
                cases.add(new Case(e.getKey() + "_season5", values, 5));
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int s = 0; s < 20; s++) {
            double[] values = new double[200];
            double level = 100 + 50 * random.nextDouble();
            for (int t = 0; t < values.length; t++) {
                level += random.nextGaussian();
                values[t] = level * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) + 3 * random.nextGaussian();
            }
            cases.add(new Case("random" + s, values, 12));
        }
        return cases;
    }

    private static Map<String, Double> frequencies() {
        try (InputStream in = RollingForecastTest.class.getResourceAsStream("/datasets/index.csv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            Map<String, Double> out = new LinkedHashMap<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    String[] fields = line.split(",");
                    out.put(fields[0], Double.parseDouble(fields[2]));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
