package io.seqcast.api.admission;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

import java.io.IOException;

/**
 * 408: the request body did not arrive within {@code seqcast.admission.intake.body-timeout}. An
 * {@link IOException} because it surfaces while the body is being read (the message converters wrap it);
 * it carries its status as an {@link ErrorResponse}, and Tomcat closes the connection after a 408.
 */
public class BodyReadTimeoutException extends IOException implements ErrorResponse {

    BodyReadTimeoutException(long millis, long bytes) {
        super("the request body did not arrive within " + millis + " ms (" + bytes + " bytes read); "
                + "send it at once, or put a buffering proxy in front of slow clients");
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.REQUEST_TIMEOUT;
    }

    @Override
    public ProblemDetail getBody() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT, getMessage());
        problem.setTitle("Request body too slow");
        return problem;
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setConnection("close");
        return headers;
    }
}
