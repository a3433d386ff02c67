package io.seqcast.api.admission;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** 503: the request's work passed {@code seqcast.admission.deadline} and was stopped. */
public class DeadlineExceededException extends AdmissionException {

    DeadlineExceededException(CostClass costClass, Duration deadline, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Deadline exceeded", "the request did not finish within the deadline of "
                + deadline.toMillis() + " ms (a " + costClass.label() + " request; queue wait included) and its "
                + "work was stopped; send fewer series or windows per request, or \"selection\": \"off\"", retryAfter);
    }
}
