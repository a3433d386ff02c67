package io.seqcast.series.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.series.Datasets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    @Test
    void naiveRepeatsTheLastValue() {
        assertThat(Baselines.naive(new double[] {1, 2, 3}, 2)).containsExactly(3, 3);
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeason() {
        assertThat(Baselines.seasonalNaive(new double[] {1, 2, 3, 4, 5}, 2, 5)).containsExactly(4, 5, 4, 5, 4);
        assertThat(Baselines.seasonalNaive(new double[] {1, 2, 3}, 3, 4)).containsExactly(1, 2, 3, 1);
    }

    @Test
    void seasonalNaiveFallsBackToNaive() {
        assertThat(Baselines.seasonalNaive(new double[] {1, 2, 3}, 1, 2)).containsExactly(3, 3);
        assertThat(Baselines.seasonalNaive(new double[] {1, 2, 3}, 4, 2)).containsExactly(3, 3);
    }

    @Test
    void airPassengersHoldoutBeatsNaiveWithSeasonalNaive() {
        double[] air = Datasets.values("AirPassengers");
        double[] history = Arrays.copyOfRange(air, 0, air.length - 24);
        double[] actual = Arrays.copyOfRange(air, air.length - 24, air.length);
        double naive = Metrics.mase(actual, Baselines.naive(history, 24), history, 12);
        double seasonal = Metrics.mase(actual, Baselines.seasonalNaive(history, 12, 24), history, 12);
        assertThat(seasonal).isLessThan(naive);
        // the forecast repeats 1958, the actuals are 1959-1960: history[96..107] then again
        assertThat(Baselines.seasonalNaive(history, 12, 24)[12]).isEqualTo(history[108]);
    }

    @Test
    void rejectsEmptyHistoryAndBadHorizon() {
        assertThatThrownBy(() -> Baselines.naive(new double[0], 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Baselines.seasonalNaive(new double[] {1}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
