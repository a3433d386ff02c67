package io.seqcast.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.ForecastLimitException;
import io.seqcast.input.InputLimitException;
import io.seqcast.input.SeriesRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/** The streaming CSV reader: series in primitive arrays, limits checked as the rows arrive. */
class CsvSeriesTest {

    static final SeriesRules.Limits LIMITS = new SeriesRules.Limits(new SeriesRules.Limit(2, "max-series"),
            new SeriesRules.Limit(4, "max-points"), new SeriesRules.Limit(6, "max-total-points"));

    @Test
    void readsInterleavedSeriesInTheOrderOfTheirFirstRow() {
        List<ForecastInput.SeriesInput> series = CsvSeries.parse("\uFEFFid,ds,y\r\nb,2024-01-01,1\r\na,2024-01-01,NA\n"
                + "\nb,2024-01-02,2.5\r", LIMITS);
        assertThat(series).extracting(ForecastInput.SeriesInput::id).containsExactly("b", "a");
        assertThat(series.get(0).values()).containsExactly(1, 2.5);
        assertThat(series.get(0).timestamps()).containsExactly("2024-01-01", "2024-01-02");
        assertThat(series.get(1).values()[0]).isNaN();
    }

    @Test
    void aSeriesTooManyIsRefusedBeforeTheRestOfTheBodyIsRead() {
        // The reader fails if it is read past the third series' row.
        String head = "a,2024-01-01,1\nb,2024-01-01,1\nc,2024-01-01,1\n";
        Reader guarded = new Reader() {
            int at;

            @Override
            public int read(char[] buffer, int off, int len) throws IOException {
                if (at >= head.length()) {
                    throw new AssertionError("read past the series over the limit");
                }
                buffer[off] = head.charAt(at++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> CsvSeries.parse(guarded, LIMITS)).isInstanceOf(InputLimitException.class)
                .hasMessageContaining("at most 2 series");
    }

    @Test
    void pointsPerSeriesAndInAllAreLimitedPerRow() {
        assertThatThrownBy(() -> CsvSeries.parse("a,1,1\na,2,1\na,3,1\na,4,1\na,5,1\n", LIMITS))
                .isInstanceOf(InputLimitException.class).hasMessageContaining("more than 4 values")
                .extracting(e -> ((InputLimitException) e).field()).isEqualTo("series[0].values");
        assertThatThrownBy(() -> CsvSeries.parse("a,1,1\na,2,1\na,3,1\nb,1,1\nb,2,1\nb,3,1\nb,4,1\n", LIMITS))
                .isInstanceOf(InputLimitException.class).hasMessageContaining("max-total-points");
    }

    @Test
    void aLineOverTheLimitIs413NamingIt() {
        String line = "a,2024-01-01," + "1".repeat(CsvSeries.MAX_LINE_LENGTH);
        assertThatThrownBy(() -> CsvSeries.parse("a,2024-01-01,1\n" + line, LIMITS))
                .isInstanceOf(ForecastLimitException.class)
                .extracting(e -> ((ForecastLimitException) e).field()).isEqualTo("line 2");
    }
}
