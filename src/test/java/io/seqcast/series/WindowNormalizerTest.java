package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WindowNormalizerTest {

    @Test
    void lastValueIsTheLevelAndMeanAbsoluteDifferenceTheScale() {
        // diffs 2, -1, 3 -> mean |diff| = 2; last = 14
        WindowNormalizer.Normalized n = new WindowNormalizer().normalize(new float[] {10, 12, 11, 14});
        assertThat(n.params().level()).isEqualTo(14);
        assertThat(n.params().scale()).isEqualTo(2);
        assertThat(n.values()).containsExactly(-2f, -1f, -1.5f, 0f);
    }

    @Test
    void meanLevel() {
        WindowNormalizer.Params p = new WindowNormalizer(WindowNormalizer.Level.MEAN)
                .params(new float[] {10, 12, 11, 15}, 0, 4);
        assertThat(p.level()).isEqualTo(12);
    }

    @Test
    void inverseRestoresOriginalUnitsOfTheForecast() {
        WindowNormalizer.Params p = new WindowNormalizer().normalize(new float[] {10, 12, 11, 14}).params();
        assertThat(p.inverse(new float[] {0f, 1f, -0.5f})).containsExactly(14f, 16f, 13f);
        assertThat(p.inverse(new double[] {2})).containsExactly(18);
    }

    @Test
    void constantOrSinglePointWindowUsesScaleOne() {
        assertThat(new WindowNormalizer().normalize(new float[] {5, 5, 5}).params().scale()).isEqualTo(1);
        WindowNormalizer.Normalized one = new WindowNormalizer().normalize(new float[] {-3});
        assertThat(one.params()).isEqualTo(new WindowNormalizer.Params(-3, 1));
        assertThat(one.values()).containsExactly(0f);
    }

    @Test
    void paramsOfASubWindowIgnoreTheRest() {
        float[] series = {100, 1, 2, 3, 100};
        WindowNormalizer.Params p = new WindowNormalizer().params(series, 1, 3);
        assertThat(p.level()).isEqualTo(3);
        assertThat(p.scale()).isCloseTo(1, within(1e-12));
    }

    @Test
    void rejectsNonFiniteAndEmptyWindows() {
        assertThatThrownBy(() -> new WindowNormalizer().normalize(new float[] {1, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> new WindowNormalizer().normalize(new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
