package io.seqcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DefaultWindowTest {

    @ParameterizedTest(name = "season {0}, length {1}, horizon {2} -> {3}")
    @CsvSource({
        "12, 144, 24, 36",  // AirPassengers, 2-season holdout: three seasons
        "12, 144, 12, 36",  // three seasons
        "1, 100, 10, 10",   // the horizon
        "1, 30, 1, 8",      // the floor of 8
        "12, 36, 12, 13",   // capped: (36 - 12) / 2 + 1 keeps 12 windows
        "1, 12, 10, 2",     // the shortest window
        "4, 20, 4, 9"       // three seasons capped at (20 - 4) / 2 + 1
    })
    void choose(int season, int length, int horizon, int expected) {
        int w = DefaultWindow.choose(season, length, horizon);
        assertThat(w).isEqualTo(expected);
        assertThat(length - horizon - w + 1).as("windows of stride 1").isGreaterThanOrEqualTo((length - horizon) / 2);
    }

    @Test
    void tooShortSeriesIsRejected() {
        assertThatThrownBy(() -> DefaultWindow.choose(1, 11, 10)).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> DefaultWindow.choose(0, 100, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
