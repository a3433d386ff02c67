package io.seqcast.series.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.seqcast.series.Datasets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double[] ACTUAL = {1, 2, 3, 4};
    private static final double[] FORECAST = {2, 2, 5, 0}; // errors 1, 0, 2, 4

    @Test
    void maeAndRmse() {
        assertThat(Metrics.mae(ACTUAL, FORECAST)).isEqualTo(1.75);
        assertThat(Metrics.rmse(ACTUAL, FORECAST)).isCloseTo(Math.sqrt(21.0 / 4), within(1e-15));
    }

    @Test
    void smapeInPercent() {
        // 1/3 + 0 + 2/8 + 4/4 = 19/12, times 200/4
        assertThat(Metrics.smape(ACTUAL, FORECAST)).isCloseTo(50.0 * 19 / 12, within(1e-12));
        assertThat(Metrics.smape(new double[] {0}, new double[] {5})).isEqualTo(200);
        assertThat(Metrics.smape(new double[] {-2}, new double[] {2})).isEqualTo(200);
    }

    @Test
    void smapeCountsZeroOverZeroAsPerfect() {
        assertThat(Metrics.smape(new double[] {0, 1}, new double[] {0, 3})).isEqualTo(50);
        assertThat(Metrics.smape(new double[] {0, 0}, new double[] {0, 0})).isEqualTo(0);
    }

    @Test
    void maseScalesByInSampleNaiveOrSeasonalNaive() {
        double[] history = {1, 3, 2, 5, 4};
        double[] actual = {6, 6};
        double[] forecast = {5, 8}; // MAE 1.5
        // lag 1: |3-1| + |2-3| + |5-2| + |4-5| = 7 over 4
        assertThat(Metrics.mase(actual, forecast, history, 1)).isCloseTo(1.5 / 1.75, within(1e-15));
        // lag 2: |2-1| + |5-3| + |4-2| = 5 over 3
        assertThat(Metrics.mase(actual, forecast, history, 2)).isCloseTo(0.9, within(1e-15));
        // a season as long as the history cannot scale: lag 1
        assertThat(Metrics.mase(actual, forecast, history, 5)).isCloseTo(1.5 / 1.75, within(1e-15));
        assertThat(Metrics.scaleLag(5, 5)).isEqualTo(1);
        assertThat(Metrics.scaleLag(6, 5)).isEqualTo(5);
    }

    @Test
    void maseOfSeasonalNaiveInSampleIsOne() {
        double[] air = Datasets.values("AirPassengers");
        double[] actual = Arrays.copyOfRange(air, 12, air.length);
        double[] lagged = Arrays.copyOfRange(air, 0, air.length - 12);
        assertThat(Metrics.mase(actual, lagged, air, 12)).isCloseTo(1, within(1e-12));
    }

    @Test
    void maseWithAConstantHistoryIsZeroWhenExactElseNaN() {
        double[] flat = {2, 2, 2};
        assertThat(Metrics.mase(new double[] {2}, new double[] {2}, flat, 1)).isEqualTo(0);
        assertThat(Metrics.mase(new double[] {2}, new double[] {3}, flat, 1)).isNaN();
        assertThatThrownBy(() -> Metrics.mase(new double[] {2}, new double[] {3}, new double[] {2}, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coverageCountsBoundsAsInside() {
        double[] lower = {0, 2, 3.5, 0};
        double[] upper = {1, 3, 4, 3};
        assertThat(Metrics.coverage(ACTUAL, lower, upper)).isEqualTo(0.5);
        assertThatThrownBy(() -> Metrics.coverage(ACTUAL, upper, lower)).hasMessageContaining("index 0");
    }

    @Test
    void nanPropagatesAndLengthsMustMatch() {
        assertThat(Metrics.mae(new double[] {1, 2}, new double[] {1, Double.NaN})).isNaN();
        assertThatThrownBy(() -> Metrics.mae(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 actual").hasMessageContaining("2 forecast");
        assertThatThrownBy(() -> Metrics.rmse(new double[0], new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
