package io.seqcast.api;

import io.seqcast.registry.InvalidModelException;
import io.seqcast.registry.InvalidModelNameException;
import io.seqcast.registry.ModelConflictException;
import io.seqcast.registry.ModelNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
}
