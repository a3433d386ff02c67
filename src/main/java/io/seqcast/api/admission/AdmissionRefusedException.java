package io.seqcast.api.admission;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** 429: every slot of the request's cost class was busy and its wait queue full (or the wait timed out). */
public class AdmissionRefusedException extends AdmissionException {

    private final CostClass costClass;

    AdmissionRefusedException(CostClass costClass, int concurrency, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", "the server is busy with " + concurrency
                + " " + costClass.label() + " request(s) and their queue; retry after "
                + Math.max(1, retryAfter.toSeconds()) + " s" + hint(costClass), retryAfter);
        this.costClass = costClass;
    }

    public CostClass costClass() {
        return costClass;
    }

    private static String hint(CostClass costClass) {
        return costClass == CostClass.SELECTION ? " (fewer series per request, or \"selection\": \"off\", counts as a "
                + "cheap request with its own budget)" : "";
    }
}
