package io.seqcast.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds a strict Content-Security-Policy (and a no-referrer policy) to the web page and its files:
 * {@code /}, {@code /index.html} and everything under {@code /ui/}. Scripts, styles, images and API calls
 * may come from the service itself only; no inline script or style, no plugin, no frame, no form post
 * elsewhere. Other paths (the JSON API, Swagger UI, which needs inline code) are left as they are.
 */
final class UiSecurityHeadersFilter extends OncePerRequestFilter {

    /** The policy: {@code 'self'} for what the page loads and calls, {@code 'none'} for everything else. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isUiPath(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Whether a path (without the context path) is part of the web page. */
    static boolean isUiPath(String path) {
        return path.isEmpty() || path.equals("/") || path.equals("/index.html") || path.startsWith("/ui/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}
