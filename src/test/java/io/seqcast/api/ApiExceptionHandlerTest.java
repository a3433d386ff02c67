package io.seqcast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.seqcast.forecast.ForecastLimitException;
import io.seqcast.forecast.InvalidForecastRequestException;
import io.seqcast.forecast.UnforecastableSeriesException;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.InvalidTimestampsException;
import io.seqcast.training.jobs.InvalidTrainingJobException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

/** The problems that name what they refuse in a member of their own (seriesId, index, field), without Spring. */
class ApiExceptionHandlerTest {

    final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void problemsCarryTheSeriesIndexOrFieldTheyRefuse() {
        var series = new InvalidSeriesException("s1", "series 's1' is empty");
        assertProblem(handler.invalidSeries(series), 400, "Invalid series", series, "seriesId", "s1");
        var timestamps = new InvalidTimestampsException(3, "timestamp 3 is not a date");
        assertProblem(handler.invalidTimestamps(timestamps), 400, "Invalid timestamps", timestamps, "index", 3);
        var flat = new UnforecastableSeriesException("s2", "series 's2' came out non-finite");
        assertProblem(handler.problemException(flat, new MockHttpServletRequest("POST", "/forecast")), 422,
                "Series cannot be forecast", flat, "seriesId", "s2");
        var job = new InvalidTrainingJobException("config.hidden", "config.hidden must be positive");
        assertProblem(handler.invalidTrainingJob(job), 400, "Invalid training request", job, "field", "config.hidden");
    }

    @Test
    void problemExceptionsCarryTheirStatusTypeAndField() {
        var tooMany = new ForecastLimitException("levels", "levels holds 11 entries; at most 10 are accepted");
        ProblemDetail problem = handler.problemException(tooMany, new MockHttpServletRequest("POST", "/forecast"));
        assertProblem(problem, 413, "Request too large", tooMany, "field", "levels");
        assertThat(problem.getType()).hasToString("tag:seqcast.io,2026:problem:request-too-large");
        var invalid = new InvalidForecastRequestException("horizon", "horizon is required");
        assertThat(handler.problemException(invalid, new MockHttpServletRequest("POST", "/backtest")).getTitle())
                .isEqualTo("Invalid backtest request");
        assertThat(handler.problemException(invalid, new MockHttpServletRequest("POST", "/forecast")).getTitle())
                .isEqualTo("Invalid forecast request");
    }

    @Test
    void anUnexpectedExceptionIsA500ThatTellsNothingOfItsInternals() {
        var bug = new IllegalStateException("secret internal state at io.seqcast.Foo");
        ProblemDetail problem = handler.unexpected(bug, new MockHttpServletRequest("POST", "/forecast"));
        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("secret", "IllegalState", "io.seqcast");
    }

    private static void assertProblem(ProblemDetail problem, int status, String title, RuntimeException refused,
            String member, Object value) {
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getTitle()).isEqualTo(title);
        assertThat(problem.getDetail()).isEqualTo(refused.getMessage());
        assertThat(problem.getProperties()).containsExactly(entry(member, value));
    }
}
