package io.seqcast.bench;

import io.seqcast.series.Datasets;
import io.seqcast.series.stats.DampedTrend;
import io.seqcast.series.stats.SeasonalSmoothing;
import io.seqcast.series.stats.Theta;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One call of a statistical candidate (history to a 24-step forecast, season 12) on {@code length}
 * monthly points, for a prefix of sunspot.month and for a trending seasonal series (seeded). Replaces
 * the print-only timing tests {@code ThetaTest.timesOneCallOn2000MonthlyPoints} and {@code
 * DampedTrendTest.timesOneCallOn1000MonthlyPoints}. Microseconds per call.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="StatisticalForecastBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatisticalForecastBenchmark {

    @Param({"theta", "damped-trend", "seasonal-smoothing"})
    public String method;

    @Param({"1000", "2000"})
    public int length;

    @Param({"sunspots", "trending"})
    public String series;

    private double[] history;

    @Setup
    public void setUp() {
        if (series.equals("sunspots")) {
            history = Arrays.copyOf(Datasets.values("sunspot.month"), length);
        } else {
            Random random = new Random(12 * 31L + length);
            history = new double[length];
            for (int t = 0; t < length; t++) {
                history[t] = 500 + 80 * Math.sin(2 * Math.PI * t / 12) + 20 * random.nextGaussian() + 0.3 * t;
            }
        }
    }

    @Benchmark
    public double[] forecast() {
        return switch (method) {
            case "theta" -> Theta.forecast(history, 12, 24);
            case "damped-trend" -> DampedTrend.forecast(history, 12, 24);
            case "seasonal-smoothing" -> SeasonalSmoothing.forecast(history, 12, 24);
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
    }
}
