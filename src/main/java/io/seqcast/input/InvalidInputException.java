package io.seqcast.input;

/**
 * A request the service cannot accept as sent: a missing or out-of-range field, bad timestamps, a
 * series it cannot prepare. 400, problem type {@code invalid-request}; {@link #field()} points at the
 * offending part.
 */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(String field, String detail) {
        super(field, detail);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Invalid request";
    }

    @Override
    protected String typeName() {
        return "invalid-request";
    }
}
