package io.seqcast.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem details: no key (401, with {@code WWW-Authenticate: Bearer}), a
 * wrong key (403), and a clear word when the service has no keys configured at all.
 */
final class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final boolean keysConfigured;

    ProblemSecurityHandler(boolean keysConfigured) {
        this.keysConfigured = keysConfigured;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (Boolean.TRUE.equals(request.getAttribute(ApiKeyAuthenticationFilter.INVALID_KEY_ATTRIBUTE))) {
            write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "the API key is not valid");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", keysConfigured
                ? "this operation needs an API key: send it as 'X-API-Key: KEY' or 'Authorization: Bearer KEY'"
                : "this operation needs an API key and the service has none configured: set seqcast.security.api-keys "
                        + "(e.g. the environment variable SEQCAST_SECURITY_API_KEYS) or seqcast.security.api-keys-file");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "this API key may not perform this operation");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                              String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
