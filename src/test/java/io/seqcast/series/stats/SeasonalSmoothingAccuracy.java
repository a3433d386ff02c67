package io.seqcast.series.stats;

import io.seqcast.series.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accuracy of {@link SeasonalSmoothing} (not a test: it reads R's forecasts from a file the
 * build does not make). Run after {@code ./mvnw -o test-compile}, with R's baselines ({@code
 * tools/r/baselines.R}) written to {@code target/r-forecasts.csv}:
 *
 * <pre>
 *   java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *       io.seqcast.series.stats.SeasonalSmoothingAccuracy target/r-forecasts.csv
 * </pre>
 *
 * <p>Prints (1) the holdout MASE (the accuracy report's holdout: the last 2 seasons; the scale is
 * the in-sample seasonal-naive error) of the monthly and quarterly public series, ours without
 * and with the log candidates (the default), next to R's {@code ets} (any of its models, multiplicative ones
 * included), seasonal naive, damped trend and Theta; (2) the same methods from rolling origins
 * (the selector's schedule for a horizon of two seasons, each cut seeing its last 240 points) on
 * every seasonal series of {@link RollingForecastTest#cases}: the mean over series of each
 * series' mean MASE, and the share of series where the log candidates help; (3) {@link
 * SeasonalSmoothing#forecastFrom} on the same schedules reusing a full search's choice over
 * several shares of the history, against the full search at every cut, with a second argument
 * (a maxHistory) also at that bound. The first argument, R's forecasts, may name a missing file.
 */
public final class SeasonalSmoothingAccuracy {

    private static final List<String> SERIES = List.of("AirPassengers", "USAccDeaths", "fdeaths", "ldeaths", "nottem",
            "co2", "JohnsonJohnson", "austres");

    private SeasonalSmoothingAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Map<String, double[]>> r = args.length > 0 && Files.exists(Path.of(args[0])) ? rForecasts(Path.of(args[0]))
                : Map.of();
        System.out.printf("%-15s %7s %7s %7s %7s %7s %7s %7s%n", "holdout MASE", "additive", "+log", "R ets", "snaive",
                "damped", "theta", "R arima");
        double[] sums = new double[7];
        for (String name : SERIES) {
            double[] values = Datasets.values(name);
            int m = name.equals("JohnsonJohnson") || name.equals("austres") ? 4 : 12;
            int h = Math.min(24, 2 * m);
            double[] history = Arrays.copyOf(values, values.length - h);
            double[] actual = Arrays.copyOfRange(values, values.length - h, values.length);
            double scale = SeasonalSmoothingTest.seasonalNaiveError(history, m);
            double[] row = {
                mase(SeasonalSmoothing.forecast(history, m, h, null, false), actual, scale),
                mase(SeasonalSmoothing.forecast(history, m, h, null, true), actual, scale),
                mase(r.getOrDefault(name, Map.of()).get("ets"), actual, scale),
                mase(r.getOrDefault(name, Map.of()).get("snaive"), actual, scale),
                mase(DampedTrend.forecast(history, m, h), actual, scale),
                mase(Theta.forecast(history, m, h), actual, scale),
                mase(r.getOrDefault(name, Map.of()).get("arima"), actual, scale),
            };
            for (int i = 0; i < row.length; i++) {
                sums[i] += row[i] / SERIES.size();
            }
            print(name, row);
        }
        print("mean", sums);

        List<RollingForecastTest.Case> cases = RollingForecastTest.cases().stream()
                .filter(c -> c.season() == 4 || c.season() == 12).toList();
        String[] names = {"additive", "+log", "snaive", "damped", "theta"};
        double[][] perSeries = new double[cases.size()][names.length];
        for (int s = 0; s < cases.size(); s++) {
            RollingForecastTest.Case c = cases.get(s);
            int m = c.season();
            int h = 2 * m;
            int[] cuts = RollingForecastTest.cuts(c.values().length, h, m);
            SeasonalWarmStart additive = new SeasonalWarmStart();
            SeasonalWarmStart warm = new SeasonalWarmStart();
            double[] totals = new double[names.length];
            int count = 0;
            for (int j = 0; j < cuts.length; j++) {
                int cut = cuts[j];
                if (cut + h > c.values().length) {
                    continue;
                }
                double[] history = Arrays.copyOfRange(c.values(), Math.max(0, cut - 240), cut);
                double[] actual = Arrays.copyOfRange(c.values(), cut, cut + h);
                double scale = SeasonalSmoothingTest.seasonalNaiveError(history, m);
                if (!(scale > 0)) {
                    continue;
                }
                double[] seasonalNaive = new double[h];
                for (int i = 0; i < h; i++) {
                    seasonalNaive[i] = history[history.length - m + i % m];
                }
                double[][] forecasts = {SeasonalSmoothing.forecast(history, m, h, additive, false),
                    SeasonalSmoothing.forecast(history, m, h, warm, true), seasonalNaive,
                    DampedTrend.forecast(history, m, h), Theta.forecast(history, m, h)};
                for (int i = 0; i < names.length; i++) {
                    totals[i] += mase(forecasts[i], actual, scale);
                }
                count++;
            }
            for (int i = 0; i < names.length; i++) {
                perSeries[s][i] = count == 0 ? Double.NaN : totals[i] / count;
            }
        }
        System.out.printf("%nrolling origins, %d seasonal series: mean over series of the mean MASE%n", cases.size());
        for (int i = 0; i < names.length; i++) {
            int column = i;
            double mean = Arrays.stream(perSeries).mapToDouble(p -> p[column]).filter(Double::isFinite).average()
                    .orElse(Double.NaN);
            System.out.printf("  %-8s %.4f%n", names[i], mean);
        }
        long logHelps = Arrays.stream(perSeries).filter(p -> p[1] < p[0] - 1e-9).count();
        long logHurts = Arrays.stream(perSeries).filter(p -> p[1] > p[0] + 1e-9).count();
        System.out.printf("  the log candidates help on %d series, hurt on %d%n", logHelps, logHurts);
        for (int s = 0; s < cases.size(); s++) {
            System.out.printf("  %-24s additive %.3f +log %.3f snaive %.3f damped %.3f theta %.3f%n", cases.get(s).name(),
                    perSeries[s][0], perSeries[s][1], perSeries[s][2], perSeries[s][3], perSeries[s][4]);
        }
        rollingReuse(cases, 240);
        if (args.length > 1) {
            rollingReuse(cases, Integer.parseInt(args[1]));
        }
    }

    /**
     * (3) {@link SeasonalSmoothing#forecastFrom} on the same schedules, a full search's choice
     * reused at later cuts up to a share of its history's length on (0: the full search at every
     * cut; "cold": {@link SeasonalSmoothing#forecast} at every cut, without the warm start): the
     * mean over series of the mean MASE, the series where it is worse or better than the full
     * search at every cut by more than 0.01, and the largest change on one series.
     */
    private static void rollingReuse(List<RollingForecastTest.Case> cases, int maxHistory) {
        double[] fractions = {0, -1, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1};
        double[][] perSeries = new double[fractions.length][cases.size()];
        for (int s = 0; s < cases.size(); s++) {
            RollingForecastTest.Case c = cases.get(s);
            int m = c.season();
            int h = 2 * m;
            int[] cuts = RollingForecastTest.cuts(c.values().length, h, m);
            for (int e = 0; e < fractions.length; e++) {
                double[][] forecasts = new double[cuts.length][];
                if (fractions[e] >= 0) {
                    forecasts = SeasonalRollingOrigins.forecastFrom(c.values(), cuts, m, h, maxHistory, fractions[e]);
                } else {
                    for (int j = 0; j < cuts.length; j++) {
                        forecasts[j] = SeasonalSmoothing.forecast(history(c.values(), cuts[j], maxHistory), m, h);
                    }
                }
                double total = 0;
                int count = 0;
                for (int j = 0; j < cuts.length; j++) {
                    double[] history = history(c.values(), cuts[j], maxHistory);
                    double scale = SeasonalSmoothingTest.seasonalNaiveError(history, m);
                    if (cuts[j] + h <= c.values().length && scale > 0) {
                        total += mase(forecasts[j], Arrays.copyOfRange(c.values(), cuts[j], cuts[j] + h), scale);
                        count++;
                    }
                }
                perSeries[e][s] = count == 0 ? Double.NaN : total / count;
            }
        }
        System.out.printf("%nforecastFrom reusing a full search's choice (%d seasonal series, maxHistory %d)%n",
                cases.size(), maxHistory);
        for (int e = 0; e < fractions.length; e++) {
            double mean = 0;
            int counted = 0;
            StringBuilder changed = new StringBuilder();
            double largest = 0;
            for (int s = 0; s < cases.size(); s++) {
                double v = perSeries[e][s];
                double full = perSeries[0][s];
                if (Double.isFinite(v) && Double.isFinite(full)) {
                    mean += v;
                    counted++;
                    largest = Math.abs(v - full) > Math.abs(largest) ? v - full : largest;
                    if (Math.abs(v - full) > 0.01) {
                        changed.append(String.format(" %s %+.3f", cases.get(s).name(), v - full));
                    }
                }
            }
            System.out.printf("  %-6s MASE %.4f, largest change %+.3f; by more than 0.01:%s%n",
                    fractions[e] < 0 ? "cold" : String.valueOf(fractions[e]), mean / counted, largest, changed);
        }
    }

    private static double[] history(double[] values, int cut, int maxHistory) {
        return Arrays.copyOfRange(values, Math.max(0, cut - maxHistory), cut);
    }

    private static void print(String name, double[] row) {
        StringBuilder line = new StringBuilder(String.format("%-15s", name));
        for (double v : row) {
            line.append(String.format(" %7.3f", v));
        }
        System.out.println(line);
    }

    private static double mase(double[] forecast, double[] actual, double scale) {
        if (forecast == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(forecast[i] - actual[i]);
        }
        return sum / actual.length / scale;
    }

    /** R's forecasts: series, then method, then the mean by step ({@code series,method,step,mean,...}). */
    private static Map<String, Map<String, double[]>> rForecasts(Path file) throws IOException {
        Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.replace("\"", "").split(",");
            rows.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).computeIfAbsent(f[1], k -> new ArrayList<>())
                    .add(Double.parseDouble(f[3]));
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        rows.forEach((series, methods) -> {
            Map<String, double[]> byMethod = new LinkedHashMap<>();
            methods.forEach((method, mean) -> byMethod.put(method, mean.stream().mapToDouble(Double::doubleValue)
                    .toArray()));
            out.put(series, byMethod);
        });
        return out;
    }
}
