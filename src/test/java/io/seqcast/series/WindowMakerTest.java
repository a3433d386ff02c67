package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowMakerTest {

    /** values[t] = offset + t, so every value says where it came from */
    private static PreparedSeries ramp(int length, float offset) {
        float[] x = new float[length];
        for (int t = 0; t < length; t++) {
            x[t] = offset + t;
        }
        return PreparedSeries.of(x);
    }

    private static float[] window(Windows w, int i) {
        float[] out = new float[w.inputSize()];
        System.arraycopy(w.inputs(), i * w.inputSize(), out, 0, out.length);
        return out;
    }

    private static float[] target(Windows w, int i) {
        float[] out = new float[w.horizon()];
        System.arraycopy(w.targets(), i * w.horizon(), out, 0, out.length);
        return out;
    }

    @Test
    void allWindowsOfATinySeries() {
        Windows w = new WindowMaker(3, 2, 1, 1).windows(List.of(ramp(10, 0)));
        assertThat(w.count()).isEqualTo(6);
        assertThat(w.steps()).isEqualTo(3);
        assertThat(w.features()).isEqualTo(1);
        assertThat(w.horizon()).isEqualTo(2);
        assertThat(window(w, 0)).containsExactly(0, 1, 2);
        assertThat(target(w, 0)).containsExactly(3, 4);
        assertThat(window(w, 5)).containsExactly(5, 6, 7);
        assertThat(target(w, 5)).containsExactly(8, 9);
    }

    @Test
    void strideIsAlignedOnTheEndSoTheNewestDataIsUsed() {
        Windows w = new WindowMaker(3, 2, 2, 1).windows(List.of(ramp(10, 0)));
        assertThat(w.count()).isEqualTo(3);
        assertThat(window(w, 0)).containsExactly(1, 2, 3);
        assertThat(target(w, 0)).containsExactly(4, 5);
        assertThat(target(w, 2)).containsExactly(8, 9);
    }

    @Test
    void splitByLastPoints() {
        WindowMaker.Split split = new WindowMaker(3, 2, 1, 1).splitLast(List.of(ramp(10, 0)), 4);
        Windows train = split.train();
        Windows val = split.validation();
        assertThat(train.count()).isEqualTo(2);
        assertThat(target(train, 0)).containsExactly(3, 4);
        assertThat(target(train, 1)).containsExactly(4, 5); // ends at the cut, index 6
        assertThat(val.count()).isEqualTo(3);
        assertThat(window(val, 0)).containsExactly(3, 4, 5); // inputs may reach into the training part
        assertThat(target(val, 0)).containsExactly(6, 7);
        assertThat(target(val, 2)).containsExactly(8, 9);
        assertThat(split.trainSeries()).containsExactly(0, 0);
        assertThat(split.validationSeries()).containsExactly(0, 0, 0);
    }

    @Test
    void splitByFractionTakesAtLeastOneHorizon() {
        WindowMaker maker = new WindowMaker(3, 2, 1, 1);
        WindowMaker.Split quarter = maker.split(List.of(ramp(10, 0)), 0.25); // ceil(2.5) = 3 points
        assertThat(quarter.train().count()).isEqualTo(3);
        assertThat(target(quarter.train(), 2)).containsExactly(5, 6);
        assertThat(quarter.validation().count()).isEqualTo(2);
        assertThat(target(quarter.validation(), 0)).containsExactly(7, 8);
        WindowMaker.Split tiny = maker.split(List.of(ramp(10, 0)), 0.01); // 1 point -> one horizon, 2
        assertThat(tiny.validation().count()).isEqualTo(1);
        assertThat(target(tiny.validation(), 0)).containsExactly(8, 9);
    }

    @Test
    void manySeriesArePooledSeriesBySeries() {
        WindowMaker.Split split = new WindowMaker(2, 1, 1, 1)
                .splitLast(List.of(ramp(5, 0), ramp(3, 100), ramp(6, 200)), 1);
        // cuts at 4, 2, 5; a window spans 3 points. Series 1 (length 3) has room for one window
        // only, and its target (index 2) is in the validation period: no training window.
        assertThat(split.trainSeries()).containsExactly(0, 0, 2, 2, 2);
        assertThat(split.validationSeries()).containsExactly(0, 1, 2);
        assertThat(window(split.train(), 2)).containsExactly(200, 201);
        assertThat(target(split.train(), 4)).containsExactly(204);
        assertThat(target(split.validation(), 1)).containsExactly(102);
    }

    @Test
    void shortSeriesContributeNoWindows() {
        Windows w = new WindowMaker(5, 3, 1, 1).windows(List.of(ramp(7, 0), ramp(8, 10)));
        assertThat(w.count()).isEqualTo(1);
        assertThat(target(w, 0)).containsExactly(15, 16, 17);
        assertThat(new WindowMaker(5, 3, 1, 1).windows(List.of(ramp(4, 0))).isEmpty()).isTrue();
    }

    @Test
    void trainingTargetsNeverOverlapTheValidationPeriod() {
        Random r = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int window = 1 + r.nextInt(6);
            int horizon = 1 + r.nextInt(4);
            int stride = 1 + r.nextInt(3);
            List<PreparedSeries> series = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int s = 0; s < n; s++) {
                series.add(ramp(1 + r.nextInt(40), 1000 * s));
            }
            double fraction = 0.05 + 0.5 * r.nextDouble();
            WindowMaker maker = new WindowMaker(window, horizon, stride, 1);
            WindowMaker.Split split = maker.split(series, fraction);
            for (int s = 0; s < n; s++) {
                int length = series.get(s).length();
                int cut = length - Math.max(horizon, (int) Math.ceil(fraction * length));
                for (int i = 0; i < split.train().count(); i++) {
                    if (split.trainSeries()[i] == s) {
                        float lastTarget = target(split.train(), i)[horizon - 1] - 1000 * s;
                        assertThat(lastTarget).as("train target in validation period").isLessThan(cut);
                    }
                }
                for (int i = 0; i < split.validation().count(); i++) {
                    if (split.validationSeries()[i] == s) {
                        float firstTarget = target(split.validation(), i)[0] - 1000 * s;
                        assertThat(firstTarget).isGreaterThanOrEqualTo(cut);
                        assertThat(window(split.validation(), i)[window - 1] - 1000 * s).isEqualTo(firstTarget - 1);
                    }
                }
            }
        }
    }

    @Test
    void seasonalPositionFeaturesFollowTheValue() {
        float[] x = {10, 11, 12, 13, 14, 15};
        WindowMaker maker = new WindowMaker(2, 1, 1, 4);
        assertThat(maker.features()).isEqualTo(3);
        Windows w = maker.windows(List.of(new PreparedSeries(x, 1)));
        assertThat(w.count()).isEqualTo(4);
        // window 0: t = 0 (phase 1 of 4: a quarter turn), t = 1 (phase 2: half a turn)
        assertThat(window(w, 0)).containsExactly(new float[] {10, 1, 0, 11, 0, -1}, within(1e-6f));
        // window 1: t = 1 (phase 2), t = 2 (phase 3)
        assertThat(window(w, 1)).containsExactly(new float[] {11, 0, -1, 12, -1, 0}, within(1e-6f));
        assertThat(target(w, 1)).containsExactly(13);
    }

    @Test
    void lastWindowIsTheInferenceInput() {
        WindowMaker plain = new WindowMaker(3, 2, 1, 1);
        assertThat(plain.lastWindow(List.of(ramp(10, 0), ramp(3, 100)))).containsExactly(7, 8, 9, 100, 101, 102);
        // with features: t = 4, 5 of a season of 4 starting at phase 0 -> phases 0, 1
        float[] seasonal = new WindowMaker(2, 1, 1, 4).lastWindow(List.of(ramp(6, 0)));
        assertThat(seasonal).containsExactly(new float[] {4, 0, 1, 5, 1, 0}, within(1e-6f));
        assertThatThrownBy(() -> plain.lastWindow(List.of(ramp(2, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series 0");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new WindowMaker(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        WindowMaker maker = new WindowMaker(3, 2, 1, 1);
        assertThatThrownBy(() -> maker.splitLast(List.of(ramp(10, 0)), 1)).hasMessageContaining("horizon 2");
        assertThatThrownBy(() -> maker.split(List.of(ramp(10, 0)), 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PreparedSeries(new float[1], -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
