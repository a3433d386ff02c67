package io.seqcast.series.stats;

import static io.seqcast.series.stats.TestSeries.assertFollows;
import static io.seqcast.series.stats.TestSeries.max;
import static io.seqcast.series.stats.TestSeries.min;
import static io.seqcast.series.stats.TestSeries.seasonal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link Theta} and {@link DampedTrend} promise alike: exact constants, finite forecasts, the seasonal adjustment. */
class SeasonallyAdjustedForecastersTest {

    /** A forecaster's {@code forecast(history, season, horizon)}. */
    interface Forecaster {
        double[] forecast(double[] history, int season, int horizon);
    }

    /** The methods, named for the test report. */
    record Method(String name, Forecaster forecaster) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Method> methods() {
        return Stream.of(new Method("Theta", Theta::forecast), new Method("DampedTrend", DampedTrend::forecast));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void constantSeriesGiveExactlyThatConstant(Method method) {
        for (double value : new double[] {0, 7.3, -5, 1e12, -1e300, 4.9e-324}) {
            for (int n = 1; n <= 40; n++) {
                for (int season : new int[] {0, 1, 4, 12}) {
                    double[] history = new double[n];
                    Arrays.fill(history, value);
                    for (double f : method.forecaster().forecast(history, season, 15)) {
                        assertThat(f).as("value %s n %d season %d", value, n, season).isEqualTo(value);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void oddButValidInputsGiveFiniteForecasts(Method method) {
        List<double[]> histories = List.of(
                new double[] {0, 0}, new double[] {0, 0, 0, 1}, new double[] {-5, -3, -4, -2},
                new double[] {-5, -3, -4, -2, -1, 0}, new double[] {1e12, 1e12 + 1, 1e12 - 3},
                new double[] {1e12, 1e12 + 1, 1e12 - 3, 1e12 + 2, 1e12, 1e12 + 5},
                new double[] {-1e300, 1e300, -1e300},
                new double[] {-1e300, 1e300, -1e300, 1e300, -1e300, 1e300, 0, 1e300, -1e300, 1e300, 1e300},
                new double[] {Double.MAX_VALUE, -Double.MAX_VALUE},
                new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, 0,
                    Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE},
                new double[] {4.9e-324, 0, 1e-310},
                new double[] {4.9e-324, 0, 1e-310, 0, 4.9e-324, 1e-320, 0, 0, 0, 0, 0, 1e-315},
                seasonal(60, 12, 0, 10, 1), // sign-changing, seasonal: additive indices
                seasonal(60, 12, 1e12, 1e11, 1e9), seasonal(30, 12, 100, 0, 5),
                trending(40, Double.MAX_VALUE / 50)); // a trend that runs past the double range
        for (double[] history : histories) {
            for (int season : new int[] {Integer.MIN_VALUE, -3, 0, 1, 2, 4, 12, 1000, Integer.MAX_VALUE}) {
                double[] copy = history.clone();
                double[] forecast = method.forecaster().forecast(history, season, 25);
                assertThat(history).isEqualTo(copy);
                assertThat(forecast).hasSize(25);
                for (double f : forecast) {
                    assertThat(Double.isFinite(f)).as("%s season %d", Arrays.toString(history), season).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void randomSeriesOfAnyShapeGiveFiniteForecasts(Method method) {
        Random random = new Random(20240611);
        for (int k = 0; k < 3000; k++) {
            int n = 1 + random.nextInt(80);
            double scale = Math.pow(10, random.nextInt(25) - 12);
            double shift = random.nextBoolean() ? 0 : scale * (random.nextDouble() * 4 - 2);
            double drift = random.nextBoolean() ? 0 : scale * random.nextGaussian();
            double[] history = new double[n];
            for (int t = 0; t < n; t++) {
                history[t] = random.nextInt(5) == 0 ? 0 : shift + drift * t + scale * random.nextGaussian();
            }
            int season = random.nextInt(14);
            for (double f : method.forecaster().forecast(history, season, 1 + random.nextInt(30))) {
                assertThat(Double.isFinite(f)).as("%s season %d", Arrays.toString(history), season).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void rejectsEmptyHistoryAndBadHorizon(Method method) {
        Forecaster forecaster = method.forecaster();
        assertThatThrownBy(() -> forecaster.forecast(new double[0], 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forecaster.forecast(new double[] {1, 2}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forecaster.forecast(new double[] {1, 2, 3, 4, 5, 6}, 1, -4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void strongSeasonalityIsForecastAsSeasonal(Method method) {
        double[] history = seasonal(120, 12, 100, 30, 2);
        double[] forecast = method.forecaster().forecast(history, 12, 24);
        assertFollows(forecast, seasonal(144, 12, 100, 30, 0), 120, 8.0);
        assertThat(max(forecast) - min(forecast)).isGreaterThan(45);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void seasonalityAroundZeroIsKeptAdditively(Method method) {
        // a temperature in degrees Celsius: no multiplicative decomposition possible
        double[] history = seasonal(120, 12, 2, 10, 0.5);
        assertFollows(method.forecaster().forecast(history, 12, 12), seasonal(132, 12, 2, 10, 0), 120, 2.0);
    }

    /** {@code slope * t} plus noise of a tenth of the slope, seeded. */
    private static double[] trending(int n, double slope) {
        Random random = new Random(n);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = slope * t + 0.1 * slope * random.nextGaussian();
        }
        return y;
    }
}
