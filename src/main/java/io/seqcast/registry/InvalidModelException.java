package io.seqcast.registry;

/** Weights or a manifest that failed validation; never stored, never served (422). */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidModelException(String message) {
        super(message);
    }
}
