package io.seqcast.registry;

/** The operation conflicts with the registry's state, e.g. deleting a version an alias points at (409). */
public class ModelConflictException extends RuntimeException {

    public ModelConflictException(String message) {
        super(message);
    }
}
