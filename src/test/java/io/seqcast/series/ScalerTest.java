package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.seqcast.series.Scaler.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScalerTest {

    private static final double[] X = {1, 2, 3, 4, 10};

    @Test
    void standardUsesMeanAndPopulationStd() {
        Scaler s = Scaler.fit(Kind.STANDARD, false, new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertThat(s.center()).isEqualTo(5);
        assertThat(s.scale()).isEqualTo(2);
        assertThat(s.transform(new double[] {5, 9})).containsExactly(0, 2);
    }

    @Test
    void robustUsesMedianAndInterQuartileRange() {
        Scaler s = Scaler.fit(Kind.ROBUST, false, X);
        assertThat(s.center()).isEqualTo(3);
        assertThat(s.scale()).isEqualTo(2); // quartiles 2 and 4 (R type 7)
    }

    @Test
    void robustFallsBackToMeanAbsoluteDeviationWhenIqrIsZero() {
        // intermittent: quartiles and median all 0, mean |x - 0| = 9/6
        Scaler s = Scaler.fit(Kind.ROBUST, false, new double[] {0, 0, 0, 0, 0, 9});
        assertThat(s.center()).isEqualTo(0);
        assertThat(s.scale()).isEqualTo(1.5);
    }

    @Test
    void minmaxMapsOntoUnitInterval() {
        Scaler s = Scaler.fit(Kind.MINMAX, false, X);
        assertThat(s.transform(new double[] {1, 10, 5.5})).containsExactly(0, 1, 0.5);
    }

    @Test
    void noneIsTheIdentity() {
        Scaler s = Scaler.fit(Kind.NONE, false, X);
        assertThat(s).isEqualTo(Scaler.none());
        assertThat(s.transform(X)).containsExactly(X);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "WINDOW", mode = EnumSource.Mode.EXCLUDE)
    void constantSeriesGetsScaleOneAndRoundTrips(Kind kind) {
        double[] c = {7, 7, 7, 7};
        Scaler s = Scaler.fit(kind, false, c);
        assertThat(s.scale()).isEqualTo(1);
        assertThat(s.inverse(s.transform(c))).containsExactly(c);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "WINDOW", mode = EnumSource.Mode.EXCLUDE)
    void inverseUndoesTransformWithAndWithoutLog(Kind kind) {
        for (boolean log : new boolean[] {false, true}) {
            Scaler s = Scaler.fit(kind, log, X);
            assertThat(s.inverse(s.transform(X))).containsExactly(X, within(1e-12));
            float[] f = {1f, 2.5f, 100f};
            assertThat(s.inverse(s.transform(f))).containsExactly(f, within(1e-4f));
        }
    }

    @Test
    void log1pIsAppliedBeforeScaling() {
        Scaler s = Scaler.fit(Kind.NONE, true, new double[] {0, Math.E - 1});
        assertThat(s.transform(Math.E - 1)).isCloseTo(1, within(1e-15));
        assertThat(s.inverse(1.0)).isCloseTo(Math.E - 1, within(1e-15));
    }

    @Test
    void log1pIsRejectedForValuesAtOrBelowMinusOne() {
        assertThat(Scaler.log1pAllowed(new double[] {-0.5, 3})).isTrue();
        assertThat(Scaler.log1pAllowed(new double[] {-1, 3})).isFalse();
        assertThatThrownBy(() -> Scaler.fit(Kind.STANDARD, true, new double[] {3, -2, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1").hasMessageContaining("-2");
        // negative values without log1p are fine
        assertThat(Scaler.fit(Kind.STANDARD, false, new double[] {3, -2, 5}).center()).isEqualTo(2);
    }

    @Test
    void fitsOnTheTrainingPartOnly() {
        double[] series = {1, 2, 3, 1000};
        Scaler s = Scaler.fit(Kind.MINMAX, false, series, 0, 3);
        assertThat(s.center()).isEqualTo(1);
        assertThat(s.scale()).isEqualTo(2);
    }

    @Test
    void rejectsGapsAndEmptyRanges() {
        assertThatThrownBy(() -> Scaler.fit(Kind.STANDARD, false, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> Scaler.fit(Kind.STANDARD, false, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parametersRecordRebuildsTheSameScalerAndRejectsBadScale() {
        Scaler s = Scaler.fit(Kind.ROBUST, true, X);
        Scaler copy = new Scaler(Kind.parse(s.kind().name().toLowerCase()), s.log1p(), s.center(), s.scale());
        assertThat(copy).isEqualTo(s);
        assertThatThrownBy(() -> new Scaler(Kind.STANDARD, false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kind.parse("zscore")).hasMessageContaining("zscore");
    }

    @org.junit.jupiter.api.Test
    void aWindowScalerIsNotFittedOnASeries() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scaler.fit(Kind.WINDOW, false, new double[] {1, 2}))
                .hasMessageContaining("WindowNormalizer");
    }
}
