package io.seqcast.api.forecast;

import java.io.IOException;

/**
 * A forecast request body over {@code seqcast.forecast.max-body-size}: 413. An {@link IOException}
 * because it surfaces while the body is being read (the message converters wrap it; the exception
 * handler looks for it among the causes).
 */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limit, String what) {
        super("the request body " + what + " over the limit of " + limit + " bytes (seqcast.forecast.max-body-size)");
    }
}
