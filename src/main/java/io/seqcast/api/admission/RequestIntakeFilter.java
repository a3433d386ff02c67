package io.seqcast.api.admission;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Bounds what requests with a body can hold before admission control sees them: at most
 * {@code concurrency} such requests are in flight at once (reading, waiting or computing), so slow or
 * many clients keep the rest of the server's threads free for health checks and everything else; one
 * more gets a 503 problem with {@code Retry-After} at once, its body unread (Tomcat then closes the
 * connection instead of draining it). And the whole body must arrive within {@code bodyTimeout} from
 * the first read: a slow-loris body that trickles in faster than the connector's read timeout
 * ({@code server.tomcat.connection-timeout}) is cut at the next read after it
 * ({@link BodyReadTimeoutException}, 408). A thread is so held at most {@code bodyTimeout} plus one
 * read timeout by a slow body.
 *
 * <p>Large bodies (over {@code largeBody} bytes, or of unknown length) also need one of
 * {@code largeConcurrency} slots before they are read, else a 429 with {@code Retry-After} and
 * {@code Connection: close}, the body unread: parsing a megabyte of JSON costs tens of milliseconds of
 * CPU, and a flood of large requests refused only after parsing would still take the cores from small
 * ones.
 */
final class RequestIntakeFilter extends OncePerRequestFilter {

    private final Semaphore slots;
    private final Semaphore largeSlots;
    private final long largeBody;
    private final long bodyTimeoutNanos;
    private final Duration retryAfter;

    RequestIntakeFilter(AdmissionProperties.Intake intake, Duration retryAfter) {
        this.slots = new Semaphore(intake.concurrency());
        this.largeSlots = new Semaphore(intake.largeConcurrency());
        this.largeBody = intake.largeBody().toBytes();
        this.bodyTimeoutNanos = intake.bodyTimeout().toNanos();
        this.retryAfter = retryAfter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!slots.tryAcquire()) {
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Server busy",
                    "too many requests are in flight");
            return;
        }
        boolean large = "POST".equals(request.getMethod()) && !(request.getContentLengthLong() >= 0
                && request.getContentLengthLong() <= largeBody);
        try {
            if (large && !largeSlots.tryAcquire()) {
                response.setHeader(HttpHeaders.CONNECTION, "close");
                refuse(response, 429, "Too many requests", "too many large request bodies (over " + largeBody
                        + " bytes) are in flight");
                return;
            }
            try {
                chain.doFilter(new Timed(request, bodyTimeoutNanos), response);
            } finally {
                if (large) {
                    largeSlots.release();
                }
            }
        } finally {
            slots.release();
        }
    }

    private void refuse(HttpServletResponse response, int status, String title, String detail) throws IOException {
        long seconds = Math.max(1, retryAfter.toSeconds());
        response.setStatus(status);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "; retry after " + seconds + " s\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static final class Timed extends HttpServletRequestWrapper {

        private final long timeoutNanos;
        private ServletInputStream stream;

        Timed(HttpServletRequest request, long timeoutNanos) {
            super(request);
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Deadline(super.getInputStream(), timeoutNanos);
            }
            return stream;
        }
    }

    /** Fails the first read after the body's time is up. */
    private static final class Deadline extends CheckedBodyStream {

        private final long timeoutNanos;
        private long started;

        Deadline(ServletInputStream in, long timeoutNanos) {
            super(in);
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        protected void check(long bytesRead) throws IOException {
            long now = System.nanoTime();
            if (started == 0) {
                started = now;
            } else if (now - started > timeoutNanos) {
                throw new BodyReadTimeoutException(timeoutNanos / 1_000_000, bytesRead);
            }
        }
    }
}
