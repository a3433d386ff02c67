package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GapFillerTest {

    private static final double NaN = Double.NaN;
    private final GapFiller filler = new GapFiller();

    @Test
    void interiorGapsAreInterpolatedLinearly() {
        assertThat(filler.fill("s", new double[] {1, NaN, NaN, 4, NaN, 8}))
                .containsExactly(1, 2, 3, 4, 6, 8);
    }

    @Test
    void leadingGapsAreBackFilledAndTrailingGapsForwardFilled() {
        assertThat(filler.fill("s", new double[] {NaN, 5, 7, NaN})).containsExactly(5, 5, 7, 7);
    }

    @Test
    void completeSeriesIsCopiedUnchanged() {
        double[] in = {3, -1, 2};
        double[] out = filler.fill("s", in);
        assertThat(out).containsExactly(3, -1, 2).isNotSameAs(in);
    }

    @Test
    void inputIsNotModified() {
        double[] in = {1, NaN, 3};
        filler.fill("s", in);
        assertThat(Double.isNaN(in[1])).isTrue();
    }

    @Test
    void nullHoledInputConvertsToNaN() {
        double[] in = GapFiller.fromBoxed(new Double[] {1.0, null, 3.0});
        assertThat(filler.fill("s", in)).containsExactly(1, 2, 3);
    }

    @Test
    void allMissingIsRejectedNamingTheSeriesAndCounts() {
        assertThatThrownBy(() -> filler.fill("sales-7", new double[] {NaN, NaN, NaN}))
                .isInstanceOf(InvalidSeriesException.class)
                .hasMessageContaining("sales-7").hasMessageContaining("0 observed").hasMessageContaining("3 missing")
                .satisfies(e -> assertThat(((InvalidSeriesException) e).seriesId()).isEqualTo("sales-7"));
    }

    @Test
    void oneObservedValueIsRejected() {
        assertThatThrownBy(() -> new GapFiller(1.0).fill("one", new double[] {NaN, 4, NaN}))
                .isInstanceOf(InvalidSeriesException.class).hasMessageContaining("1 observed");
        assertThatThrownBy(() -> filler.fill("single", new double[] {4}))
                .isInstanceOf(InvalidSeriesException.class).hasMessageContaining("single");
        assertThatThrownBy(() -> filler.fill("empty", new double[0])).isInstanceOf(InvalidSeriesException.class);
    }

    @Test
    void moreThanTheAllowedFractionMissingIsRejected() {
        double[] threeOfFive = {1, NaN, NaN, NaN, 5};
        assertThatThrownBy(() -> filler.fill("gappy", threeOfFive))
                .isInstanceOf(InvalidSeriesException.class)
                .hasMessageContaining("gappy").hasMessageContaining("3 of 5").hasMessageContaining("2 observed");
        assertThat(new GapFiller(0.6).fill("gappy", threeOfFive)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void exactlyTheAllowedFractionIsAccepted() {
        assertThat(filler.fill("half", new double[] {1, NaN, 3, NaN})).containsExactly(1, 2, 3, 3);
    }

    @Test
    void infinityIsRejectedNamingTheIndex() {
        assertThatThrownBy(() -> filler.fill("inf", new double[] {1, 2, Double.NEGATIVE_INFINITY}))
                .isInstanceOf(InvalidSeriesException.class).hasMessageContaining("index 2")
                .hasMessageContaining("-Infinity");
    }

    @Test
    void badFractionIsACallerMistake() {
        assertThatThrownBy(() -> new GapFiller(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GapFiller(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
