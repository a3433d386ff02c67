package io.seqcast.registry;

/** No model, version or alias answers to the reference; a client error (404). */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
