package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeasonPhaseTest {

    @ParameterizedTest
    @CsvSource({
        // the calendar seasons the network uses (unchanged)
        "2024-03-01, M, 12, 2", "2024-08-01, Q, 4, 2", "2024-05-01, D, 7, 2", "2024-05-01T13:00:00, H, 24, 13",
        // the longer cycles of Seasonality.periods: 2024-05-01 is a Wednesday, day 122 of a leap year
        "2024-05-01T13:00:00, H, 168, 61", "2024-05-01T13:00:00, 2H, 84, 30", "2024-05-01T13:30:00, 30min, 336, 123",
        "2024-05-01, D, 365, 121", "2024-12-31, D, 365, 364", "2023-12-31, D, 365, 364",
        // sub-hourly days count from the first point, as the network was trained; unknown lengths are 0
        "2024-05-01T13:30:00, 30min, 48, 0", "2024-05-01, D, 30, 0"})
    void phaseOfTheCalendarPosition(String timestamp, String frequency, int season, int phase) {
        assertThat(SeasonPhase.of(timestamp, Frequency.parse(frequency), season)).isEqualTo(phase);
    }
}
