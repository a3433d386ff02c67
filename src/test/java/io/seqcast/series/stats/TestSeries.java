package io.seqcast.series.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.seqcast.series.Datasets;
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
import java.util.Random;

/** Synthetic series, checks and R fixtures shared by the tests of this package. */
final class TestSeries {

    private TestSeries() {
    }

    /** {@code level + amplitude * sin(2 pi t / season)} plus Gaussian noise of {@code noise} sd, seeded. */
    static double[] seasonal(int n, int season, double level, double amplitude, double noise) {
        Random random = new Random(season * 31L + n);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = level + amplitude * Math.sin(2 * Math.PI * t / season) + noise * random.nextGaussian();
        }
        return y;
    }

    /** Each forecast step within {@code tolerance} of the noise-free series from {@code start} on. */
    static void assertFollows(double[] forecast, double[] noiseFree, int start, double tolerance) {
        for (int i = 0; i < forecast.length; i++) {
            assertThat(forecast[i]).as("step %d", i).isCloseTo(noiseFree[start + i], offset(tolerance));
        }
    }

    static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }

    static double min(double[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    /**
     * The rows of an R fixture ({@code case,...}, one row per case and horizon step, after a
     * header), split on commas and grouped by case, in the file's order.
     */
    static Map<String, List<String[]>> rowsByCase(String resource) {
        Map<String, List<String[]>> cases = new LinkedHashMap<>();
        try (InputStream in = TestSeries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine(); // header
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    String[] fields = line.split(",");
                    cases.computeIfAbsent(fields[0], name -> new ArrayList<>()).add(fields);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /**
     * The first {@code length} values of dataset {@code dataset}, checked to be seasonal with period
     * {@code season} exactly when R found it so ({@code rSeasonal}): the seasonal test is R's.
     */
    static double[] rHistory(String name, String dataset, int length, int season, boolean rSeasonal) {
        double[] history = Arrays.copyOf(Datasets.values(dataset), length);
        boolean seasonal = SeasonalIndices.estimate(history, season) != null;
        assertThat(seasonal).as(name + " seasonal, as R decided").isEqualTo(rSeasonal);
        return history;
    }

    /**
     * A summary of warm-started over full-search squared errors: median, 99th percentile, the
     * largest (with {@code worstCase}), and the shares within 1.001 and below 1.
     */
    static String warmColdSummary(List<Double> ratios, String worstCase) {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("warm/cold SSE: median %.6f, 99th pct %.6f, max %.6f (%s); %.2f%% within 1.001, "
                + "%.2f%% better than cold", sorted[sorted.length / 2], sorted[(int) (0.99 * (sorted.length - 1))],
                sorted[sorted.length - 1], worstCase, 100 * shareWithin(ratios, 1.001),
                100.0 * ratios.stream().filter(r -> r < 1 - 1e-9).count() / sorted.length);
    }

    /** The share of {@code ratios} at most {@code bound}. */
    static double shareWithin(List<Double> ratios, double bound) {
        return (double) ratios.stream().filter(r -> r <= bound).count() / ratios.size();
    }

    /** Column {@code column} of each row, as numbers: the expected forecast of a case. */
    static List<Double> column(List<String[]> rows, int column) {
        return rows.stream().map(row -> Double.parseDouble(row[column])).toList();
    }
}
