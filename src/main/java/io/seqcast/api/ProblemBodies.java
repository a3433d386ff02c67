package io.seqcast.api;

import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The problem bodies written outside Spring MVC's exception handling: by {@link ProblemErrorController}
 * (the servlet container's error page) and by {@link ProblemErrorReportValve} (errors Tomcat answers
 * itself, before any servlet: a request line or headers too long, a malformed request). Same members
 * as {@link ApiExceptionHandler}'s problems: {@code title}, {@code status}, {@code detail},
 * {@code instance}; never a class name or a stack trace.
 */
final class ProblemBodies {

    /** The media type of every error body. */
    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemBodies() {
    }

    /** The body of a problem with {@code status}, the detail written for the client, for {@code path} (may be null). */
    static String json(int status, String path) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail(status));
        if (path != null && !path.isEmpty() && path.length() <= 256) {
            body.put("instance", path);
        }
        return JsonMapper.shared().writeValueAsString(body);
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request cannot be read (malformed request line, headers or body)";
            case 404 -> "there is no resource at this path; see /v3/api-docs for the API";
            case 405 -> "this method is not supported at this path";
            case 408 -> "the request was not received in time";
            case 413 -> "the request is larger than the server accepts";
            case 414 -> "the request line (path and query) is longer than the server accepts";
            case 431 -> "the request headers are larger than the server accepts";
            case 500 -> "the server failed to answer this request; the failure is logged";
            case 503 -> "the service is not available at the moment; retry later";
            default -> status >= 500 ? "the server could not answer this request"
                    : "the request was refused";
        };
    }
}
