package io.seqcast.registry;

/** A model or alias name that does not match {@link ModelNames#PATTERN}; a client error (400). */
public class InvalidModelNameException extends IllegalArgumentException {

    public InvalidModelNameException(String message) {
        super(message);
    }
}
