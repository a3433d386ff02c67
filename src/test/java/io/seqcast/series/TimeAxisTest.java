package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAxisTest {

    @Test
    void monthlyOnTheFirstContinuesOnTheFirst() {
        TimeAxis axis = TimeAxis.infer(List.of("2023-11-01", "2023-12-01", "2024-01-01"));
        assertThat(axis.frequency()).isEqualTo(Frequency.MONTHLY);
        assertThat(axis.monthEnd()).isFalse();
        assertThat(axis.next(3)).containsExactly("2024-02-01", "2024-03-01", "2024-04-01");
    }

    @Test
    void monthEndsArePreserved() {
        TimeAxis axis = TimeAxis.infer(List.of("2023-11-30", "2023-12-31", "2024-01-31"));
        assertThat(axis.frequency()).isEqualTo(Frequency.MONTHLY);
        assertThat(axis.monthEnd()).isTrue();
        assertThat(axis.next(3)).containsExactly("2024-02-29", "2024-03-31", "2024-04-30");
    }

    @Test
    void seriesDatedOnThe28thIsNotMistakenForMonthEnds() {
        TimeAxis axis = TimeAxis.infer(List.of("2023-02-28", "2023-03-28", "2023-04-28"));
        assertThat(axis.monthEnd()).isFalse();
        assertThat(axis.next(1)).containsExactly("2023-05-28");
    }

    @Test
    void quarterlyAndYearly() {
        TimeAxis q = TimeAxis.infer(List.of("2023-01-01", "2023-04-01", "2023-07-01"));
        assertThat(q.frequency()).isEqualTo(Frequency.QUARTERLY);
        assertThat(q.next(2)).containsExactly("2023-10-01", "2024-01-01");
        TimeAxis y = TimeAxis.infer(List.of("2020-01-01", "2021-01-01", "2022-01-01"));
        assertThat(y.frequency()).isEqualTo(Frequency.YEARLY);
        assertThat(y.next(1)).containsExactly("2023-01-01");
    }

    @Test
    void dailyAndWeekly() {
        TimeAxis d = TimeAxis.infer(List.of("2024-02-27", "2024-02-28", "2024-02-29"));
        assertThat(d.frequency()).isEqualTo(Frequency.DAILY);
        assertThat(d.next(2)).containsExactly("2024-03-01", "2024-03-02");
        assertThat(TimeAxis.infer(List.of("2024-01-29", "2024-02-05", "2024-02-12")).frequency())
                .isEqualTo(Frequency.WEEKLY);
    }

    @Test
    void weekdayOnlyDailyIsBusinessDays() {
        // Wed Thu Fri Mon Tue
        TimeAxis b = TimeAxis.infer(List.of("2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09"));
        assertThat(b.frequency()).isEqualTo(Frequency.BUSINESS_DAILY);
        assertThat(b.next(4)).containsExactly("2024-01-10", "2024-01-11", "2024-01-12", "2024-01-15");
    }

    @Test
    void subDailyDateTimesKeepTheirFormat() {
        TimeAxis utc = TimeAxis.infer(List.of("2024-01-01T23:30:00Z", "2024-01-01T23:45:00Z"));
        assertThat(utc.frequency()).isEqualTo(Frequency.parse("15min"));
        assertThat(utc.next(2)).containsExactly("2024-01-02T00:00:00Z", "2024-01-02T00:15:00Z");
        TimeAxis local = TimeAxis.infer(List.of("2024-03-01T00:00:00", "2024-03-01T01:00:00"));
        assertThat(local.frequency()).isEqualTo(Frequency.HOURLY);
        assertThat(local.next(1)).containsExactly("2024-03-01T02:00:00");
        TimeAxis offset = TimeAxis.infer(List.of("2024-03-01T00:00:00+02:00", "2024-03-01T01:00:00+02:00"));
        assertThat(offset.next(1)).containsExactly("2024-03-01T02:00:00+02:00");
        assertThat(offset.last()).isEqualTo("2024-03-01T01:00:00+02:00");
    }

    @Test
    void irregularTimestampsAreRejectedNamingTheIndex() {
        assertThatThrownBy(() -> TimeAxis.infer(List.of("2024-01-01", "2024-01-02", "2024-01-04")))
                .isInstanceOfSatisfying(InvalidTimestampsException.class, e -> assertThat(e.index()).isEqualTo(2))
                .hasMessageContaining("2024-01-04").hasMessageContaining("expected 2024-01-03");
        assertThatThrownBy(() -> TimeAxis.infer(List.of("2024-01-01", "2024-02-01", "2024-02-15")))
                .isInstanceOf(InvalidTimestampsException.class);
    }

    @Test
    void unparseableMixedOrDecreasingTimestampsAreRejected() {
        assertThatThrownBy(() -> TimeAxis.infer(List.of("2024-01-01", "yesterday")))
                .isInstanceOfSatisfying(InvalidTimestampsException.class, e -> assertThat(e.index()).isEqualTo(1));
        assertThatThrownBy(() -> TimeAxis.infer(List.of("2024-01-01", "2024-01-02T00:00:00Z")))
                .isInstanceOf(InvalidTimestampsException.class);
        assertThatThrownBy(() -> TimeAxis.infer(List.of("2024-01-02", "2024-01-01")))
                .isInstanceOf(InvalidTimestampsException.class).hasMessageContaining("increase");
        assertThatThrownBy(() -> TimeAxis.infer(List.of("2024-01-02"))).isInstanceOf(InvalidTimestampsException.class);
    }

    @Test
    void knownFrequencyAndLastTimestamp() {
        assertThat(TimeAxis.of(Frequency.QUARTERLY, "2024-12-31").next(2)).containsExactly("2025-03-31", "2025-06-30");
        assertThat(TimeAxis.of(Frequency.MONTHLY, "2024-01-15").next(1)).containsExactly("2024-02-15");
        assertThatThrownBy(() -> TimeAxis.of(Frequency.BUSINESS_DAILY, "2024-01-06"))
                .isInstanceOf(InvalidTimestampsException.class);
    }

    @Test
    void frequencyInferShorthand() {
        assertThat(Frequency.infer(List.of("1949-01-01", "1949-02-01"))).isEqualTo(Frequency.MONTHLY);
    }
}
