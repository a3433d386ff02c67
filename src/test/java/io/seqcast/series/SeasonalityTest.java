package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.series.stats.MultiSeasonalSeries;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeasonalityTest {

    @ParameterizedTest
    @CsvSource({"M, 12", "Q, 4", "Y, 1", "W, 52", "D, 7", "B, 5", "H, 24", "15min, 96", "30min, 48",
        "2H, 12", "7min, 1", "6M, 2", "5M, 1", "2D, 1"})
    void fromFrequency(String code, int season) {
        assertThat(Seasonality.fromFrequency(Frequency.parse(code))).isEqualTo(season);
    }

    @Test
    void airPassengersIsMonthlySeasonal() {
        assertThat(Seasonality.fromAcf(Datasets.values("AirPassengers"))).isEqualTo(12);
    }

    @Test
    void co2IsMonthlySeasonal() {
        assertThat(Seasonality.fromAcf(Datasets.values("co2"))).isEqualTo(12);
    }

    @Test
    void sineWithPeriod7() {
        double[] x = new double[140];
        Random noise = new Random(7);
        for (int t = 0; t < x.length; t++) {
            x[t] = 10 + 0.05 * t + Math.sin(2 * Math.PI * t / 7) + 0.1 * noise.nextGaussian();
        }
        assertThat(Seasonality.fromAcf(x)).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void whiteNoiseIsNotSeasonal(long seed) {
        Random r = new Random(seed);
        double[] x = new double[200];
        for (int t = 0; t < x.length; t++) {
            x[t] = r.nextGaussian();
        }
        assertThat(Seasonality.fromAcf(x)).isEqualTo(1);
    }

    @Test
    void constantLinearAndShortSeriesAreNotSeasonal() {
        double[] constant = new double[50];
        Arrays.fill(constant, 3);
        double[] line = new double[50];
        for (int t = 0; t < line.length; t++) {
            line[t] = 1e6 + 0.1 * t;
        }
        assertThat(Seasonality.fromAcf(constant)).isEqualTo(1);
        assertThat(Seasonality.fromAcf(line)).isEqualTo(1);
        assertThat(Seasonality.fromAcf(new double[] {1, 5, 1, 5, 1, 5})).isEqualTo(1);
    }

    @Test
    void knownFrequencyWinsOverTheAcf() {
        double[] air = Datasets.values("AirPassengers");
        assertThat(Seasonality.infer(air, Frequency.QUARTERLY)).isEqualTo(4);
        assertThat(Seasonality.infer(air, null)).isEqualTo(12);
    }

    @Test
    void airPassengersDatesAreMonthly() {
        assertThat(Frequency.infer(Datasets.dates("AirPassengers"))).isEqualTo(Frequency.MONTHLY);
        assertThat(TimeAxis.infer(Datasets.dates("co2")).next(1)).containsExactly("1998-01-01");
    }

    @ParameterizedTest
    @CsvSource({"30min, 48 336", "15min, 96 672", "H, 24 168", "2H, 12 84", "D, 7 365", "B, 5", "W, 52", "M, 12",
        "Q, 4", "6M, 2", "Y, ''", "2D, ''", "7min, ''"})
    void candidatesFromTheFrequency(String code, String periods) {
        List<Integer> expected = periods.isEmpty() ? List.of()
                : Arrays.stream(periods.split(" ")).map(Integer::valueOf).toList();
        assertThat(Seasonality.candidates(Frequency.parse(code))).isEqualTo(expected);
    }

    @Test
    void halfHourlyLoadHasADayAndAWeek() {
        assertThat(Seasonality.periods(Frequency.parse("30min"), MultiSeasonalSeries.halfHourly(6, 1)))
                .containsExactly(48, 336);
    }

    @Test
    void dailyDemandHasAWeekAndAYear() {
        assertThat(Seasonality.periods(Frequency.DAILY, MultiSeasonalSeries.daily(3 * 365 + 1, 2)))
                .containsExactly(7, 365);
    }

    @Test
    void aDailyCycleAloneIsNotAWeeklyOne() {
        // a daily curve repeats every 336 half-hours too: the week is tested on what the day leaves
        double[] x = MultiSeasonalSeries.halfHourly(6, 3);
        double[] dayOnly = MultiSeasonalSeries.halfHourly(6, 3);
        for (int t = 0; t < x.length; t++) {
            int day = (t / 48) % 7;
            double hour = (t % 48) / 2.0;
            dayOnly[t] = x[t] + (day >= 5 && hour >= 7 && hour <= 22 ? 25 : 0);
        }
        assertThat(Seasonality.periods(Frequency.parse("30min"), dayOnly)).containsExactly(48);
    }

    @Test
    void aYearNeedsTwoFullCycles() {
        assertThat(Seasonality.periods(Frequency.DAILY, MultiSeasonalSeries.daily(700, 4))).containsExactly(7);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void businessDayNoiseHasNoSeason(long seed) {
        Random r = new Random(seed);
        double[] noise = new double[250];
        double[] walk = new double[250];
        for (int t = 0; t < noise.length; t++) {
            noise[t] = r.nextGaussian();
            walk[t] = (t == 0 ? 100 : walk[t - 1]) + r.nextGaussian();
        }
        assertThat(Seasonality.infer(noise, Frequency.BUSINESS_DAILY)).isEqualTo(1);
        assertThat(Seasonality.infer(walk, Frequency.BUSINESS_DAILY)).isEqualTo(1);
        assertThat(Seasonality.periods(Frequency.BUSINESS_DAILY, noise)).isEmpty();
        // the other calendar seasons stay untested, as the forecasters were tuned with them
        assertThat(Seasonality.infer(noise, Frequency.DAILY)).isEqualTo(7);
    }

    @Test
    void businessDaysWithAWeekdayCycleKeepIt() {
        Random r = new Random(9);
        double[] x = new double[250];
        for (int t = 0; t < x.length; t++) {
            x[t] = 100 + (t % 5 == 0 ? 3 : 0) + r.nextGaussian();
        }
        assertThat(Seasonality.infer(x, Frequency.BUSINESS_DAILY)).isEqualTo(5);
        assertThat(Seasonality.periods(Frequency.BUSINESS_DAILY, x)).containsExactly(5);
    }

    @Test
    void noPeriodsWithoutAFrequencyOrWithAGap() {
        double[] x = MultiSeasonalSeries.daily(800, 5);
        assertThat(Seasonality.periods(null, x)).isEmpty();
        x[10] = Double.NaN;
        assertThat(Seasonality.periods(Frequency.DAILY, x)).isEmpty();
    }
}
