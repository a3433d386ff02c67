package io.seqcast.api;

import io.seqcast.registry.InvalidModelException;
import io.seqcast.registry.InvalidModelNameException;
import io.seqcast.registry.ModelConflictException;
import io.seqcast.registry.ModelNotFoundException;
import io.seqcast.training.jobs.InvalidTrainingJobException;
import io.seqcast.training.jobs.TrainingJobConflictException;
import io.seqcast.training.jobs.TrainingJobNotFoundException;
import io.seqcast.training.jobs.TrainingQueueFullException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place exceptions become RFC 9457 problem details ({@code application/problem+json}).
 * Spring MVC's own exceptions (bad JSON, type mismatches, 405, 413 for an upload over the multipart
 * limit...) are handled by {@link ResponseEntityExceptionHandler}; each domain exception gets one
 * handler below with its status and a title. The detail is the exception's message, written for the
 * client: never a class name or a stack trace.
 *
 * <p>To add a domain exception: one {@code @ExceptionHandler} method returning
 * {@link #problem(HttpStatus, String, String)}, grouped with its package's handlers.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** A problem with a title and a detail; Spring MVC fills in {@code instance} with the request path. */
    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    // ------------------------------------------------------------------------------------------
    // Model registry (io.seqcast.registry)

    @ExceptionHandler(InvalidModelNameException.class)
    ProblemDetail invalidModelName(InvalidModelNameException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid model name", e.getMessage());
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ProblemDetail modelNotFound(ModelNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Model not found", e.getMessage());
    }

    @ExceptionHandler(ModelConflictException.class)
    ProblemDetail modelConflict(ModelConflictException e) {
        return problem(HttpStatus.CONFLICT, "Model conflict", e.getMessage());
    }

    @ExceptionHandler(InvalidModelException.class)
    ProblemDetail invalidModel(InvalidModelException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid model", e.getMessage());
    }

    // ------------------------------------------------------------------------------------------
    // Training jobs (io.seqcast.training.jobs)

    /** A refused training request; {@code field} names the request field, e.g. {@code series[1].values[4]}. */
    @ExceptionHandler(InvalidTrainingJobException.class)
    ProblemDetail invalidTrainingJob(InvalidTrainingJobException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid training request", e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(TrainingJobNotFoundException.class)
    ProblemDetail trainingJobNotFound(TrainingJobNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Training job not found", e.getMessage());
    }

    @ExceptionHandler(TrainingJobConflictException.class)
    ProblemDetail trainingJobConflict(TrainingJobConflictException e) {
        return problem(HttpStatus.CONFLICT, "Training job conflict", e.getMessage());
    }

    /** 429 with {@code Retry-After} in seconds. */
    @ExceptionHandler(TrainingQueueFullException.class)
    ResponseEntity<ProblemDetail> trainingQueueFull(TrainingQueueFullException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Training queue full", e.getMessage()));
    }
}
