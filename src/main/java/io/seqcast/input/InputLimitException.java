package io.seqcast.input;

/**
 * A request over a configured size limit (series, points, levels, the size of the answer): 413,
 * problem type {@code request-too-large}, refused before the work it would cost is allocated.
 * {@link #field()} names what was too large; the message names the limit's property.
 */
public class InputLimitException extends ProblemException {

    public InputLimitException(String field, String detail) {
        super(field, detail);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String title() {
        return "Request too large";
    }

    @Override
    protected String typeName() {
        return "request-too-large";
    }
}
