package io.seqcast.series.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeasonalStrengthTest {

    /** Series per cell of the false-season check. */
    private static final int SERIES = 100;

    @ParameterizedTest(name = "{0} noise, period {1}")
    @CsvSource({"white, 5", "white, 7", "white, 48", "white, 336", "white, 365",
        "walk, 5", "walk, 7", "walk, 48", "walk, 336", "walk, 365",
        "ar, 5", "ar, 7", "ar, 48", "ar, 336", "ar, 365"})
    void noiseHasNoSeason(String kind, int period) {
        Random random = new Random(period * 31L + kind.hashCode());
        int[] cycles = {2, 3, 10, 30};
        int[] found = new int[cycles.length];
        for (int c = 0; c < cycles.length; c++) {
            for (int s = 0; s < SERIES; s++) {
                SeasonalStrength.Result r = SeasonalStrength.test(MultiSeasonalSeries.noise(kind, cycles[c] * period
                        + random.nextInt(period), random), period);
                if (r.supported()) {
                    found[c]++;
                }
            }
        }
        System.out.printf("%s %d: false seasons per %d at 2/3/10/30 cycles: %s%n", kind, period, SERIES,
                java.util.Arrays.toString(found));
        assertThat(java.util.Arrays.stream(found).max().orElseThrow()).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "period {0}, {1} cycles")
    @CsvSource({"5, 10", "5, 40", "7, 8", "48, 3", "336, 2", "365, 2", "365, 3"})
    void findsACycleAsLargeAsTheNoise(int period, int cycles) {
        Random random = new Random(period + cycles);
        int found = 0;
        for (int s = 0; s < SERIES; s++) {
            double[] x = MultiSeasonalSeries.noise("white", cycles * period, random);
            for (int t = 0; t < x.length; t++) {
                x[t] += Math.sqrt(2) * Math.sin(2 * Math.PI * t / period) + 0.01 * t;
            }
            if (SeasonalStrength.test(x, period).supported()) {
                found++;
            }
        }
        System.out.printf("period %d, %d cycles: found %d of %d%n", period, cycles, found, SERIES);
        assertThat(found).isGreaterThanOrEqualTo(SERIES * 9 / 10);
    }

    @Test
    void profileIsTheCyclePhasedFromTheEnd() {
        double[] x = new double[3 * 4 + 1];
        double[] cycle = {1, 3, -1, -3};
        for (int t = 0; t < x.length; t++) {
            x[t] = 5 + cycle[t % 4];
        }
        // 13 points: the step after the end (t = 13) has phase 13 mod 4 = 1 of the cycle
        assertThat(SeasonalStrength.test(x, 4).profile()).containsExactly(3, -1, -3, 1);
    }

    @Test
    void fewerThanTwoCyclesOrNoVarianceGivesNoTest() {
        assertThat(SeasonalStrength.test(new double[13], 7)).isNull();
        assertThat(SeasonalStrength.test(new double[14], 7)).isNull();
        assertThat(SeasonalStrength.test(new double[14], 1)).isNull();
    }

    @Test
    void fQuantilesMatchTables() {
        // R: qf(0.999, 4, 45) = 5.564, qf(0.95, 10, 20) = 2.348, qf(0.999, 335, 336) = 1.403
        assertThat(SeasonalStrength.fQuantile(0.999, 4, 45)).isCloseTo(5.564, org.assertj.core.data.Offset.offset(0.01));
        assertThat(SeasonalStrength.fQuantile(0.95, 10, 20)).isCloseTo(2.348, org.assertj.core.data.Offset.offset(0.005));
        assertThat(SeasonalStrength.fQuantile(0.999, 335, 336)).isCloseTo(1.403, org.assertj.core.data.Offset.offset(0.01));
    }
}
