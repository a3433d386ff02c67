package io.seqcast.training;

import io.seqcast.series.SeriesData;
import io.seqcast.series.TimeAxis;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticSeriesTest {

    @Test
    void theSameSeedGivesTheSameFiniteSeriesWithRealisticLengthsAndFrequencies() {
        List<SeriesData> corpus = SyntheticSeries.generate(2_000, 7);
        List<SeriesData> again = SyntheticSeries.generate(2_000, 7);
        assertThat(corpus).hasSize(2_000);
        for (int i = 0; i < corpus.size(); i++) {
            SeriesData s = corpus.get(i);
            assertThat(s.values()).isEqualTo(again.get(i).values());
            assertThat(Arrays.stream(s.values()).allMatch(Double::isFinite)).as(s.id()).isTrue();
            assertThat(s.length()).as(s.id()).isBetween(22, 700);
            assertThat(s.timestamps()).hasSize(s.length());
        }
        Map<String, Long> byFrequency = corpus.stream().collect(Collectors.groupingBy(
                s -> TimeAxis.infer(s.timestamps()).frequency().code(), Collectors.counting()));
        // Mostly yearly, quarterly and monthly, as the real series are; some daily and weekly.
        assertThat(byFrequency.keySet()).contains("M", "D", "W");
        assertThat(byFrequency.get("M")).isBetween(450L, 670L);
        long shortSeries = corpus.stream().filter(s -> s.length() <= 150).count();
        assertThat(shortSeries).as("many short series, as real yearly and quarterly ones are").isGreaterThan(800);
        long intermittent = corpus.stream().filter(s -> Arrays.stream(s.values()).filter(v -> v == 0).count()
                > s.length() / 3).count();
        assertThat(intermittent).as("intermittent demand").isGreaterThan(50);
    }
}
