package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.series.Frequency.Unit;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrequencyTest {

    @ParameterizedTest
    @CsvSource({
        "D, DAY, 1", "d, DAY, 1", "B, BUSINESS_DAY, 1", "W, WEEK, 1", "M, MONTH, 1", "MS, MONTH, 1",
        "Q, MONTH, 3", "QE, MONTH, 3", "Y, MONTH, 12", "A, MONTH, 12", "H, HOUR, 1", "h, HOUR, 1",
        "2H, HOUR, 2", "15min, MINUTE, 15", "30T, MINUTE, 30", "min, MINUTE, 1", "6M, MONTH, 6",
        "P1D, DAY, 1", "P1W, WEEK, 1", "P1M, MONTH, 1", "P3M, MONTH, 3", "P1Y, MONTH, 12",
        "PT1H, HOUR, 1", "PT15M, MINUTE, 15"
    })
    void parsesCodesAndIsoDurations(String text, Unit unit, int multiple) {
        assertThat(Frequency.parse(text)).isEqualTo(new Frequency(unit, multiple));
    }

    @ParameterizedTest
    @CsvSource({"D, D", "P3M, Q", "P1Y, Y", "PT15M, 15min", "2H, 2H", "6M, 6M", "2Y, 2Y", "B, B", "W, W"})
    void canonicalCode(String text, String code) {
        assertThat(Frequency.parse(text).code()).isEqualTo(code);
    }

    @Test
    void rejectsUnknownAmbiguousAndZero() {
        assertThatThrownBy(() -> Frequency.parse("fortnightly")).hasMessageContaining("fortnightly");
        assertThatThrownBy(() -> Frequency.parse("m")).hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> Frequency.parse("0D")).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Frequency.parse("P1Y2M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frequency.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void monthlyStepsKeepTheAnchorDayAndMonthEnds() {
        LocalDateTime jan31 = LocalDateTime.of(2024, 1, 31, 0, 0);
        assertThat(Frequency.MONTHLY.step(jan31, 1, false)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(Frequency.MONTHLY.step(jan31, 2, false)).isEqualTo(LocalDateTime.of(2024, 3, 31, 0, 0));
        LocalDateTime apr30 = LocalDateTime.of(2024, 4, 30, 0, 0);
        assertThat(Frequency.MONTHLY.step(apr30, 1, true)).isEqualTo(LocalDateTime.of(2024, 5, 31, 0, 0));
        assertThat(Frequency.QUARTERLY.step(LocalDateTime.of(2024, 1, 1, 0, 0), 3, false))
                .isEqualTo(LocalDateTime.of(2024, 10, 1, 0, 0));
    }

    @Test
    void businessDaysSkipWeekends() {
        LocalDateTime fri = LocalDateTime.of(2024, 1, 5, 0, 0);
        assertThat(Frequency.BUSINESS_DAILY.step(fri, 1, false)).isEqualTo(LocalDateTime.of(2024, 1, 8, 0, 0));
        assertThat(Frequency.BUSINESS_DAILY.step(fri, 5, false)).isEqualTo(LocalDateTime.of(2024, 1, 12, 0, 0));
        assertThat(Frequency.BUSINESS_DAILY.step(fri, 6, false)).isEqualTo(LocalDateTime.of(2024, 1, 15, 0, 0));
        LocalDateTime wed = LocalDateTime.of(2024, 1, 3, 0, 0);
        assertThat(Frequency.BUSINESS_DAILY.step(wed, 3, false)).isEqualTo(LocalDateTime.of(2024, 1, 8, 0, 0));
    }
}
