package io.seqcast.api.admission;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

import java.time.Duration;

/**
 * A request that admission control did not let finish. Carries its own status, title and
 * {@code Retry-After} as an {@link ErrorResponse}, so {@link io.seqcast.api.ApiExceptionHandler} (and the
 * forecast meters' outcome) map it without knowing the cases.
 */
public abstract class AdmissionException extends RuntimeException implements ErrorResponse {

    private final HttpStatus status;
    private final String title;
    private final Duration retryAfter;

    AdmissionException(HttpStatus status, String title, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return status;
    }

    /** The problem: this status, title and message as its detail. */
    @Override
    public ProblemDetail getBody() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(title);
        return problem;
    }

    /** {@code Retry-After} in whole seconds, at least 1. */
    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return headers;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Sent as {@code Retry-After} in whole seconds (at least 1). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
