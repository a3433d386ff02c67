package io.seqcast.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The servlet container's error page ({@code server.error.path}, {@code /error}) as an RFC 9457
 * problem, in place of Spring Boot's default JSON: what reaches it is an error no exception handler
 * answered (a filter's failure, a {@code sendError} outside Spring MVC). The body is written directly,
 * whatever the request's {@code Accept}, so that an error about content negotiation cannot fail again.
 * {@code /error} asked for directly is a 404. The failure itself was logged where it happened.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(ProblemBodies.MEDIA_TYPE);
        byte[] body = ProblemBodies.json(status, path).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
