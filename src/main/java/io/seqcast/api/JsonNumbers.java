package io.seqcast.api;

import tools.jackson.databind.JsonNode;

/** Numbers of request bodies read as JSON trees. */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    /**
     * A numeric node as a {@code double}: an integer or decimal beyond the {@code double} range (a
     * 310-digit integer, {@code 1e400}) is an infinity, which the request checks refuse naming the
     * field, where Jackson's own {@code doubleValue()} would throw and make a 500.
     */
    public static double toDouble(JsonNode number) {
        return toDouble(number.numberValue());
    }

    /** {@link #toDouble(JsonNode)} for a number read from the token stream. */
    public static double toDouble(Number number) {
        return number.doubleValue();
    }
}
