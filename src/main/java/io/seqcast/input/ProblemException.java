package io.seqcast.input;

import java.net.URI;
import java.util.Map;

/**
 * A failure the client is told about as an RFC 9457 problem: it carries its HTTP status, problem type
 * and title, and optionally the request field it concerns. The message is the problem's
 * {@code detail}: written for the client, never a class name or a stack trace. The API maps every
 * subclass with one handler, and the request metrics take their outcome from {@link #status()}, so a
 * new exception needs no entry in either list.
 */
public abstract class ProblemException extends RuntimeException {

    /** The namespace of seqcast's problem types; {@code docs/api.md} lists them. */
    public static final String TYPE_PREFIX = "tag:seqcast.io,2026:problem:";

    private final String field;

    /**
     * @param field the offending request field ({@code horizon}, {@code series[2].values[7]},
     *     {@code line 14}), or {@code null} for the request as a whole
     * @param detail the whole message for the client
     */
    protected ProblemException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The HTTP status: 4xx for the client's mistakes. */
    public abstract int status();

    /** A short, fixed summary of the problem type, e.g. {@code Request too large}. */
    public abstract String title();

    /** The problem type's name, e.g. {@code request-too-large}; {@link #type()} is it as a URI. */
    protected abstract String typeName();

    /** The problem type: {@value #TYPE_PREFIX} and {@link #typeName()}. */
    public final URI type() {
        return URI.create(TYPE_PREFIX + typeName());
    }

    /** The offending request field, or {@code null}. */
    public String field() {
        return field;
    }

    /** More members of the problem, e.g. {@code seriesId}; none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
