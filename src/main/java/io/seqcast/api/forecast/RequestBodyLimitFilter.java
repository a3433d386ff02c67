package io.seqcast.api.forecast;

import jakarta.servlet.FilterChain;
import io.seqcast.api.admission.CheckedBodyStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bounds the body of forecast requests: the body stream fails with
 * {@link RequestBodyTooLargeException} at its first read when the declared {@code Content-Length} is
 * over the limit, and as soon as more than the limit has been read otherwise (chunked bodies). The
 * failure reaches the exception handler like any unreadable body and becomes a 413 problem.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;

    RequestBodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Limited(request, limit), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit, getContentLengthLong());
            }
            return stream;
        }
    }

    private static final class Counting extends CheckedBodyStream {

        private final long limit;
        private final long declared;

        Counting(ServletInputStream in, long limit, long declared) {
            super(in);
            this.limit = limit;
            this.declared = declared;
        }

        @Override
        protected void check(long read) throws IOException {
            if (declared > limit) {
                throw new RequestBodyTooLargeException(limit, "of " + declared + " bytes is");
            }
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit, "is");
            }
        }
    }
}
