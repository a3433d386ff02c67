package io.seqcast.training.jobs;

/**
 * A training request the service refuses before queueing it: the client's mistake (a 400 at the API).
 * {@link #field()} names the request field, e.g. {@code config.hidden} or {@code series[2].values[7]}.
 */
public class InvalidTrainingJobException extends RuntimeException {

    private final String field;

    /** @param detail the whole message for the client; it should name {@code field} */
    public InvalidTrainingJobException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
