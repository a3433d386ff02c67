package io.seqcast.registry;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The model exists but what was asked for cannot be served right now, and serving anything else
 * instead would be wrong: its {@code production} version fails to load, or its aliases cannot be read.
 * Carries its own status (503) and problem body, so it reaches the client as
 * {@code application/problem+json} with the reason and what repairs it.
 */
public class ModelUnavailableException extends ErrorResponseException {

    public ModelUnavailableException(String detail) {
        this(detail, null);
    }

    public ModelUnavailableException(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), cause);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Model unavailable");
        return problem;
    }

    /** The detail alone (the default names the status and the whole problem body). */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
