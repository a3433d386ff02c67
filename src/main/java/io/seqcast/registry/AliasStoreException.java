package io.seqcast.registry;

/**
 * A store cannot read a model's aliases (a corrupt {@code aliases.json}, a failed query). The
 * registry never guesses them: it keeps the last aliases it read, a bare name with no known
 * {@code production} answers 503, and {@code PUT /models/{name}/aliases/{alias}} rewrites them.
 */
public class AliasStoreException extends ModelUnavailableException {

    public AliasStoreException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
