package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class WindowEncoderTest {

    private static final double[] SERIES = {10, 12, 11, 15, 14, 18, 20};

    @Test
    void windowNormalisationUsesTheLastValueAndTheMeanAbsoluteDifference() {
        WindowEncoder encoder = new WindowEncoder(4, 1, false, WindowEncoder.Normalization.WINDOW, false, false);
        float[] dst = new float[4];
        // window = values[2..6) = 11, 15, 14, 18: level 18, scale (4 + 1 + 4) / 3 = 3
        Scaler s = encoder.encode(SERIES, 6, 0, null, dst, 0);
        assertThat(s.center()).isEqualTo(18);
        assertThat(s.scale()).isEqualTo(3);
        assertThat(dst).containsExactly(-7f / 3, -1f, -4f / 3, 0f);
        assertThat(s.inverse(2.0 / 3)).isCloseTo(20, offset(1e-9));
    }

    @Test
    void seriesNormalisationUsesTheGivenScaler() {
        WindowEncoder encoder = new WindowEncoder(3, 1, false, WindowEncoder.Normalization.SERIES, false, false);
        Scaler scaler = new Scaler(Scaler.Kind.STANDARD, false, 10, 2);
        float[] dst = new float[3];
        assertThat(encoder.encode(SERIES, 3, 0, scaler, dst, 0)).isSameAs(scaler);
        assertThat(dst).containsExactly(0f, 1f, 0.5f);
        assertThatThrownBy(() -> encoder.encode(SERIES, 3, 0, null, dst, 0)).hasMessageContaining("scaler");
    }

    @Test
    void aShortSeriesIsLeftPaddedWithItsFirstValue() {
        WindowEncoder encoder = new WindowEncoder(5, 1, false, WindowEncoder.Normalization.SERIES, false, false);
        float[] dst = new float[5];
        encoder.encode(SERIES, 2, 0, Scaler.none(), dst, 0);
        assertThat(dst).containsExactly(10f, 10f, 10f, 10f, 12f);
    }

    @Test
    void seasonalFeaturesCarryThePositionInTheSeason() {
        WindowEncoder encoder = new WindowEncoder(2, 4, true, WindowEncoder.Normalization.SERIES, false, false);
        assertThat(encoder.features()).isEqualTo(3);
        float[] dst = new float[6];
        // cut 3, start phase 1: steps at series indices 1 and 2 have positions 2 and 3 of 4
        encoder.encode(SERIES, 3, 1, Scaler.none(), dst, 0);
        assertThat(dst[0]).isEqualTo(12f);
        assertThat(dst[1]).isCloseTo((float) Math.sin(Math.PI), offset(1e-6f));
        assertThat(dst[2]).isCloseTo(-1f, offset(1e-6f));
        assertThat(dst[4]).isCloseTo(-1f, offset(1e-6f));
        assertThat(dst[5]).isCloseTo(0f, offset(1e-6f));
        WindowEncoder notSeasonal = new WindowEncoder(2, 1, true, WindowEncoder.Normalization.SERIES, false, false);
        assertThat(notSeasonal.features()).isEqualTo(3);
        notSeasonal.encode(SERIES, 3, 1, Scaler.none(), dst, 0);
        assertThat(dst).containsExactly(12f, 0f, 0f, 11f, 0f, 0f);
    }

    @Test
    void seasonalBaselineRepeatsTheLastSeasonOfTheWindow() {
        WindowEncoder encoder = new WindowEncoder(6, 3, true, WindowEncoder.Normalization.SERIES, true, false);
        float[] in = new float[6 * 3];
        encoder.encode(SERIES, 7, 0, Scaler.none(), in, 0);
        float[] baseline = new float[5];
        encoder.baseline(in, 0, 5, baseline, 0);
        // window = 12, 11, 15, 14, 18, 20: last season 14, 18, 20, repeated
        assertThat(baseline).containsExactly(14f, 18f, 20f, 14f, 18f);
        WindowEncoder none = new WindowEncoder(6, 3, true, WindowEncoder.Normalization.SERIES, false, false);
        none.baseline(in, 0, 5, baseline, 0);
        assertThat(baseline).containsOnly(0f);
    }

    @Test
    void nonSeasonalBaselineIsTheLastValue() {
        WindowEncoder encoder = new WindowEncoder(3, 1, false, WindowEncoder.Normalization.SERIES, true, false);
        float[] in = new float[3];
        encoder.encode(SERIES, 7, 0, Scaler.none(), in, 0);
        float[] baseline = new float[2];
        encoder.baseline(in, 0, 2, baseline, 0);
        assertThat(baseline).containsExactly(20f, 20f);
    }

    @Test
    void windowLog1pNormalisesTheLogOfTheValues() {
        WindowEncoder encoder = new WindowEncoder(2, 1, false, WindowEncoder.Normalization.WINDOW, false, true);
        float[] dst = new float[2];
        Scaler s = encoder.encode(new double[] {Math.E - 1, Math.E * Math.E - 1}, 2, 0, null, dst, 0);
        assertThat(s.log1p()).isTrue();
        assertThat(s.center()).isCloseTo(2, offset(1e-12));
        assertThat(s.scale()).isCloseTo(1, offset(1e-12));
        assertThat(dst[0]).isCloseTo(-1f, offset(1e-6f));
        assertThatThrownBy(() -> encoder.encode(new double[] {-2, 1}, 2, 0, null, dst, 0)).hasMessageContaining("> -1");
    }
}
