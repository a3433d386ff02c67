package io.seqcast.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.series.GapFiller;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The shared series checks: each refusal's status, field and the limit's property. */
class SeriesRulesTest {

    final SeriesRules rules = new SeriesRules(new SeriesRules.Limits(new SeriesRules.Limit(3, "x.max-series"),
            new SeriesRules.Limit(5, "x.max-points"), new SeriesRules.Limit(8, "x.max-total-points")), new GapFiller());

    static SeriesRules.Series series(String id, double... values) {
        return new SeriesRules.Series(id, values, null);
    }

    @Test
    void acceptsSeriesWithinTheLimitsAndMissingValues() {
        rules.check(List.of(series("a", 1, Double.NaN, 3), series("b", 4, 5, 6, 7, 8)));
    }

    @Test
    void noSeriesIs400AndTooManyIs413NamingTheProperty() {
        assertThatThrownBy(() -> rules.check(List.of())).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((ProblemException) e).field()).isEqualTo("series");
        List<SeriesRules.Series> four = List.of(series("a", 1, 2), series("b", 1, 2), series("c", 1, 2), series("d", 1, 2));
        assertThatThrownBy(() -> rules.check(four)).isInstanceOf(InputLimitException.class)
                .hasMessageContaining("at most 3 series but this one has 4 (x.max-series)")
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(413);
    }

    @Test
    void aLongSeriesOrTooManyPointsInAllIs413() {
        assertThatThrownBy(() -> rules.check(List.of(series("a", 1, 2, 3, 4, 5, 6))))
                .isInstanceOf(InputLimitException.class).hasMessageContaining("has 6 values; at most 5 are accepted (x.max-points)")
                .extracting(e -> ((ProblemException) e).field()).isEqualTo("series[0].values");
        assertThatThrownBy(() -> rules.check(List.of(series("a", 1, 2, 3, 4, 5), series("b", 1, 2, 3, 4))))
                .isInstanceOf(InputLimitException.class).hasMessageContaining("x.max-total-points")
                .hasMessageContaining("series 'b' (series[1]) went over");
    }

    @Test
    void idsValuesAndTimestampsAreCheckedNamingTheField() {
        assertField(List.of(series(" ", 1, 2)), "series[0].id");
        assertField(List.of(series("a", 1, 2), series("a", 3, 4)), "series[1].id");
        assertField(List.of(series("a")), "series[0].values");
        assertField(List.of(series("a", 1, Double.POSITIVE_INFINITY)), "series[0].values[1]");
        assertField(List.of(series("a", 1, Double.NaN, Double.NaN)), "series[0].values");
        assertField(List.of(new SeriesRules.Series("a", new double[] {1, 2}, List.of("2024-01-01"))),
                "series[0].timestamps");
        assertField(List.of(new SeriesRules.Series("a", new double[] {1, 2}, Arrays.asList("2024-01-01", null))),
                "series[0].timestamps[1]");
        List<SeriesRules.Series> withNull = new ArrayList<>();
        withNull.add(null);
        assertField(withNull, "series[0]");
    }

    private void assertField(List<SeriesRules.Series> series, String field) {
        assertThatThrownBy(() -> rules.check(series)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((ProblemException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
    }
}
