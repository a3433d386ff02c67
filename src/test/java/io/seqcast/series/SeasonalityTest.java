package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
}
