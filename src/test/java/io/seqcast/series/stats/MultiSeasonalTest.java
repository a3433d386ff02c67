package io.seqcast.series.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.seqcast.series.metrics.Baselines;
import io.seqcast.series.metrics.Metrics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiSeasonalTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void halfHourlyWeekAheadBeatsSeasonalNaiveAtTheWeek(long seed) {
        double[] series = MultiSeasonalSeries.halfHourly(8, seed);
        double[] history = Arrays.copyOf(series, 7 * 336);
        double[] actual = Arrays.copyOfRange(series, 7 * 336, 8 * 336);
        double ours = Metrics.mase(actual, MultiSeasonal.forecast(history, new int[] {48, 336}, 336), history, 336);
        double weekly = Metrics.mase(actual, Baselines.seasonalNaive(history, 336, 336), history, 336);
        double dailyOnly = Metrics.mase(actual, DampedTrend.forecast(history, 48, 336), history, 336);
        System.out.printf("half-hourly seed %d: MASE multi-seasonal %.3f, seasonal naive 336 %.3f, damped trend (48) %.3f%n",
                seed, ours, weekly, dailyOnly);
        assertThat(ours).isLessThan(0.85 * weekly).isLessThan(0.5 * dailyOnly);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void dailyTwoMonthsAheadBeatsSeasonalNaiveAtTheYear(long seed) {
        double[] series = MultiSeasonalSeries.daily(3 * 365 + 60, seed);
        double[] history = Arrays.copyOf(series, 3 * 365);
        double[] actual = Arrays.copyOfRange(series, 3 * 365, series.length);
        double ours = Metrics.mase(actual, MultiSeasonal.forecast(history, new int[] {7, 365}, 60), history, 365);
        double yearly = Metrics.mase(actual, Baselines.seasonalNaive(history, 365, 60), history, 365);
        double weekOnly = Metrics.mase(actual, DampedTrend.forecast(history, 7, 60), history, 365);
        System.out.printf("daily seed %d: MASE multi-seasonal %.3f, seasonal naive 365 %.3f, damped trend (7) %.3f%n",
                seed, ours, yearly, weekOnly);
        // damped trend with the week alone follows the year's slope over two months well enough: not a bar here
        assertThat(ours).isLessThan(0.5 * yearly);
    }

    @Test
    void recoversExactCyclesAroundALevel() {
        double[] y = new double[4 * 28];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 + (t % 4 == 0 ? 2 : -2.0 / 3) + ((t / 4) % 7 >= 5 ? -3 : 1.2);
        }
        double[] forecast = MultiSeasonal.forecast(y, new int[] {4, 28}, 28);
        for (int k = 0; k < 28; k++) {
            int t = y.length + k;
            assertThat(forecast[k]).as("step %d", k).isCloseTo(y[t - 28], within(1e-6));
        }
    }

    @Test
    void withoutTwoCyclesOfAnyPeriodItIsDampedTrend() {
        double[] y = MultiSeasonalSeries.daily(300, 7);
        assertThat(MultiSeasonal.forecast(y, new int[] {365}, 10)).containsExactly(DampedTrend.forecast(y, 1, 10));
    }

    @Test
    void rollingOriginsSeeOnlyTheirPast() {
        double[] y = MultiSeasonalSeries.daily(900, 8);
        double[][] from = MultiSeasonal.forecastFrom(y, new int[] {760, 900}, new int[] {7, 365}, 14, 800);
        assertThat(from[0]).containsExactly(MultiSeasonal.forecast(Arrays.copyOf(y, 760), new int[] {7, 365}, 14));
        assertThat(from[1]).containsExactly(MultiSeasonal.forecast(Arrays.copyOfRange(y, 100, 900),
                new int[] {7, 365}, 14));
    }
}
