package io.seqcast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.seqcast.forecast.UnforecastableSeriesException;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.InvalidTimestampsException;
import io.seqcast.training.jobs.InvalidTrainingJobException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

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
        assertProblem(handler.unforecastable(flat), 422, "Series cannot be forecast", flat, "seriesId", "s2");
        var job = new InvalidTrainingJobException("config.hidden", "config.hidden must be positive");
        assertProblem(handler.invalidTrainingJob(job), 400, "Invalid training request", job, "field", "config.hidden");
    }

    private static void assertProblem(ProblemDetail problem, int status, String title, RuntimeException refused,
            String member, Object value) {
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getTitle()).isEqualTo(title);
        assertThat(problem.getDetail()).isEqualTo(refused.getMessage());
        assertThat(problem.getProperties()).containsExactly(entry(member, value));
    }
}
