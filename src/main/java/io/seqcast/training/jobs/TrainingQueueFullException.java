package io.seqcast.training.jobs;

import java.time.Duration;

/** Every training slot is busy and the queue is full (or the service is shutting down): try again later. */
public class TrainingQueueFullException extends RuntimeException {

    private final Duration retryAfter;

    public TrainingQueueFullException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** A hint for the {@code Retry-After} header. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
