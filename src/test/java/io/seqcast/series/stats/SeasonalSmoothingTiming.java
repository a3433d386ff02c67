package io.seqcast.series.stats;

import io.seqcast.series.Datasets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The cost of {@link SeasonalSmoothing} (not a test: timings in unit tests only flake). The best
 * of 15 batches after a warm-up for the JIT, since other processes on a shared machine only ever
 * add time; in wall time and in the thread's CPU time (which another process's load inflates
 * less). Run after {@code ./mvnw -o test-compile}:
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat cp.txt) \
 *       io.seqcast.series.stats.SeasonalSmoothingTiming
 * </pre>
 *
 * with {@code cp.txt} from {@code ./mvnw -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class SeasonalSmoothingTiming {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SeasonalSmoothingTiming() {
    }

    public static void main(String[] args) {
        double[] co2 = Datasets.values("co2");
        double[] air = Datasets.values("AirPassengers");
        for (int length : new int[] {120, 240, 360}) {
            double[] series = Arrays.copyOfRange(co2, co2.length - length, co2.length);
            time("forecast, co2 last " + length + " points", 10, () -> SeasonalSmoothing.forecast(series, 12, 24));
        }
        time("forecast, AirPassengers (144 points)", 10, () -> SeasonalSmoothing.forecast(air, 12, 24));
        double[] last240 = Arrays.copyOfRange(co2, co2.length - 240, co2.length);
        for (SeasonalSmoothing.Model model : SeasonalSmoothing.Model.values()) {
            double origin = last240[0];
            double[] y = Arrays.stream(last240).map(v -> v - origin).toArray();
            int[] trials = new int[1];
            time("fit " + model + ", co2 last 240 points", 10, () -> {
                SeasonalSmoothing.Fit fit = SeasonalSmoothing.fit(y, 12, model);
                trials[0] = fit.trials();
                return new double[] {fit.sse()};
            });
            System.out.printf("   (%d trials)%n", trials[0]);
        }
        int[] cuts = RollingForecastTest.cuts(co2.length, 24, 12);
        rolling("co2", co2, cuts, 240);
        // RollingOriginSelector.MAX_BASELINE_HISTORY is 1,000: sunspots by month, as seasonal
        double[] sunspots = Datasets.values("sunspot.month");
        double[] last1000 = Arrays.copyOfRange(sunspots, sunspots.length - 1000, sunspots.length);
        time("forecast, sunspot.month last 1000 points", 3, () -> SeasonalSmoothing.forecast(last1000, 12, 24));
        int[] longCuts = RollingForecastTest.cuts(sunspots.length, 24, 12);
        rolling("sunspot.month", sunspots, longCuts, 1000);
    }

    /**
     * {@link SeasonalSmoothing#forecastFrom} as it is, and with the full search at every cut (the
     * former cost), side by side; the extra fractions given as {@code -Dfractions=0.05,0.2}.
     */
    private static void rolling(String name, double[] values, int[] cuts, int maxHistory) {
        String what = "forecastFrom, " + name + ", " + cuts.length + " cuts, maxHistory " + maxHistory;
        time(what, 1, () -> SeasonalSmoothing.forecastFrom(values, cuts, 12, 24, maxHistory)[0]);
        time(what + ", full search", 1, () -> SeasonalRollingOrigins.forecastFrom(values, cuts, 12, 24, maxHistory, 0)[0]);
        for (String fraction : System.getProperty("fractions", "").split(",")) {
            if (!fraction.isEmpty()) {
                time(what + ", " + fraction, 1, () -> SeasonalRollingOrigins.forecastFrom(values, cuts, 12, 24, maxHistory,
                        Double.parseDouble(fraction))[0]);
            }
        }
    }

    private static void time(String what, int calls, Supplier<double[]> call) {
        double sink = 0;
        for (int k = 0; k < 20 * calls; k++) {
            sink += call.get()[0];
        }
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int batch = 0; batch < 15; batch++) {
            long start = System.nanoTime();
            long startCpu = THREADS.getCurrentThreadCpuTime();
            for (int k = 0; k < calls; k++) {
                sink += call.get()[0];
            }
            best = Math.min(best, System.nanoTime() - start);
            bestCpu = Math.min(bestCpu, THREADS.getCurrentThreadCpuTime() - startCpu);
        }
        System.out.printf("%-50s %9.1f us per call, %9.1f us of CPU (checksum %.4g)%n", what, best / 1e3 / calls,
                bestCpu / 1e3 / calls, sink);
    }
}
