package io.seqcast.api;

import io.seqcast.api.admission.AdmissionException;
import io.seqcast.api.forecast.RequestBodyTooLargeException;
import io.seqcast.input.InvalidInputException;
import io.seqcast.input.ProblemException;
import io.seqcast.registry.InvalidModelException;
import io.seqcast.registry.InvalidModelNameException;
import io.seqcast.registry.ModelConflictException;
import io.seqcast.registry.ModelNotFoundException;
import io.seqcast.training.jobs.InvalidTrainingJobException;
import io.seqcast.training.jobs.TrainingJobConflictException;
import io.seqcast.training.jobs.TrainingJobNotFoundException;
import io.seqcast.training.jobs.TrainingQueueFullException;

import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.InvalidTimestampsException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.List;

/**
 * The one place exceptions become RFC 9457 problem details ({@code application/problem+json}).
 * Spring MVC's own exceptions (bad JSON, type mismatches, 405, 413 for an upload over the multipart
 * limit...) are handled by {@link ResponseEntityExceptionHandler}; each domain exception gets one
 * handler below with its status and a title, or carries them itself as a {@link ProblemException}
 * (one handler for all of those). The detail is the exception's message, written for the client:
 * never a class name or a stack trace. Anything else is a bug: a 500 problem, logged once.
 *
 * <p>To add a domain exception: extend {@link ProblemException} (no handler needed), or, where the
 * exception cannot, one {@code @ExceptionHandler} method returning
 * {@link #problem(HttpStatus, String, String)}, grouped with its package's handlers.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** A problem with a title and a detail; Spring MVC fills in {@code instance} with the request path. */
    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** {@link #problem(HttpStatus, String, String)} with one more member, e.g. {@code seriesId}. */
    private static ProblemDetail problem(HttpStatus status, String title, String detail, String name, Object value) {
        ProblemDetail problem = problem(status, title, detail);
        problem.setProperty(name, value);
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
        return problem(HttpStatus.BAD_REQUEST, "Invalid training request", e.getMessage(), "field", e.field());
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

    // Admission control (io.seqcast.api.admission): the exception carries its status, title and Retry-After

    @ExceptionHandler(AdmissionException.class)
    ResponseEntity<ProblemDetail> admission(AdmissionException e) {
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
    }

    // Forecasting (io.seqcast.forecast, io.seqcast.api.forecast) and series preparation (io.seqcast.series)

    /**
     * Every exception that carries its own status and problem type: the request checks of
     * {@code /forecast}, {@code /backtest} and their shared series rules (400), size limits (413),
     * malformed CSV (400), series that cannot be forecast (422). A 400 {@link InvalidInputException}
     * is titled by the endpoint that refused it ({@code Invalid forecast request},
     * {@code Invalid backtest request}, {@code Invalid training request}).
     */
    @ExceptionHandler(ProblemException.class)
    ProblemDetail problemException(ProblemException e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        String title = e instanceof InvalidInputException ? invalidTitle(request.getRequestURI(), e.title()) : e.title();
        ProblemDetail problem = withField(problem(status, title, e.getMessage()), e.field());
        problem.setType(e.type());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    private static String invalidTitle(String path, String fallback) {
        if (path == null) {
            return fallback;
        }
        if (path.startsWith("/backtest")) {
            return "Invalid backtest request";
        }
        if (path.startsWith("/forecast")) {
            return "Invalid forecast request";
        }
        return path.contains("/training-jobs") ? "Invalid training request" : fallback;
    }

    @ExceptionHandler(InvalidSeriesException.class)
    ProblemDetail invalidSeries(InvalidSeriesException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid series", e.getMessage(), "seriesId", e.seriesId());
    }

    @ExceptionHandler(InvalidTimestampsException.class)
    ProblemDetail invalidTimestamps(InvalidTimestampsException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid timestamps", e.getMessage(), "index", e.index());
    }

    /**
     * Anything no other handler knows: a bug. 500 with a fixed detail (never the exception's message,
     * class or stack trace, which may hold internals); the stack trace is logged once, here.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed to answer this request; the failure is logged");
    }

    /**
     * An unreadable body: too large (413), refused by a check made while it streams in (its own
     * problem, see {@link #problemException}), malformed JSON (where it broke: line, column and the JSON
     * path), or a value of the wrong type for its field. Written for the client, never with class names.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyTooLargeException tooLarge) {
                ProblemDetail body = problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", tooLarge.getMessage());
                return handleExceptionInternal(ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
            if (t instanceof ProblemException refused && request instanceof ServletWebRequest servlet) {
                // A check made while the body streams in (e.g. a series' values): its own problem.
                ProblemDetail body = problemException(refused, servlet.getRequest());
                return handleExceptionInternal(ex, body, headers, HttpStatus.valueOf(refused.status()), request);
            }
            if (t instanceof ErrorResponse carried) { // e.g. a body that arrived too slowly: 408
                headers.addAll(carried.getHeaders());
                return handleExceptionInternal(ex, carried.getBody(), headers, carried.getStatusCode(), request);
            }
        }
        ProblemDetail body = unreadable(ex);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        JacksonException jackson = null;
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                jackson = j;
                break;
            }
        }
        if (jackson == null) {
            String detail = ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
                    ? "the request body is missing" : "the request body cannot be read";
            return problem(HttpStatus.BAD_REQUEST, "Malformed request", detail);
        }
        String field = path(jackson);
        if (jackson instanceof MismatchedInputException mismatch && !(jackson instanceof StreamReadException)) {
            String expected = expected(mismatch.getTargetType());
            String detail = (field.isEmpty() ? "the body" : field) + " must be " + expected
                    + (mismatch.getCurrentToken() == null ? "" : ", got " + token(mismatch.getCurrentToken()));
            return badBody("Invalid request body", detail, field);
        }
        TokenStreamLocation location = jackson.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String reason = jackson.getOriginalMessage() == null ? "" : jackson.getOriginalMessage();
        int newline = reason.indexOf('\n');
        if (newline >= 0) {
            reason = reason.substring(0, newline);
        }
        reason = reason.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1");
        // Parser hints ("enable JsonReadFeature.X to allow") speak to the server's code, not the client.
        reason = reason.replaceAll(":?\\s*enable `?[A-Za-z0-9_.]+`? to allow", "");
        String detail = "malformed JSON" + where + (field.isEmpty() ? "" : " (in " + field + ")") + ": " + reason;
        return badBody("Malformed JSON", detail, field);
    }

    /** {@code series[0].values[2]}: from the exception's path, else from where the parser stood. */
    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        List<JacksonException.Reference> refs = e.getPath();
        boolean parserFirst = e instanceof StreamReadException;
        if (refs != null && !refs.isEmpty() && !parserFirst) {
            appendReferences(out, refs);
            return out.toString();
        }
        if (e.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
            String pointer = parser.streamReadContext().pathAsPointer().toString();
            for (String part : pointer.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (part.chars().allMatch(Character::isDigit)) {
                    appendIndex(out, part);
                } else {
                    appendName(out, part.replace("~1", "/").replace("~0", "~"));
                }
            }
        }
        if (out.length() == 0 && refs != null && parserFirst) {
            appendReferences(out, refs);
        }
        return out.toString();
    }

    /** {@code series[0].values}: each reference as a property name or an index. */
    private static void appendReferences(StringBuilder out, List<JacksonException.Reference> refs) {
        for (JacksonException.Reference ref : refs) {
            if (ref.getPropertyName() != null) {
                appendName(out, ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                appendIndex(out, ref.getIndex());
            }
        }
    }

    private static void appendName(StringBuilder out, String name) {
        out.append(out.length() == 0 ? "" : ".").append(name);
    }

    private static void appendIndex(StringBuilder out, Object index) {
        out.append('[').append(index).append(']');
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String token(tools.jackson.core.JsonToken token) {
        switch (token) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT: return "a whole number";
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return "something else";
        }
    }

    /** A 400 for an unreadable body, naming the field unless it is empty (the body as a whole). */
    private static ProblemDetail badBody(String title, String detail, String field) {
        return withField(problem(HttpStatus.BAD_REQUEST, title, detail), field.isEmpty() ? null : field);
    }

    private static ProblemDetail withField(ProblemDetail problem, String field) {
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
