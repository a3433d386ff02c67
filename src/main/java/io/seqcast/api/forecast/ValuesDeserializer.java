package io.seqcast.api.forecast;

import io.seqcast.api.JsonNumbers;
import io.seqcast.forecast.InvalidForecastRequestException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

import java.util.Arrays;

/**
 * A series' {@code values} read straight from the token stream into a {@code double[]} ({@code null}
 * is {@code NaN}, a missing value), without a JSON tree of boxed nodes: 8 bytes a value where a tree
 * took several times that. Anything but a number or {@code null} is refused naming its index, in the
 * words of {@link JsonRequests#describe}; a number beyond the {@code double} range becomes an infinity,
 * which the series checks refuse naming the index.
 */
final class ValuesDeserializer extends ValueDeserializer<double[]> {

    @Override
    public double[] deserialize(JsonParser p, DeserializationContext context) {
        String at = path(p);
        if (!p.isExpectedStartArrayToken()) {
            throw new InvalidForecastRequestException(at, at + " must be an array of numbers (null where missing), got "
                    + describe(p));
        }
        double[] values = new double[16];
        int n = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            double value;
            if (token == JsonToken.VALUE_NULL) {
                value = Double.NaN;
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                // Unboxed where the number fits; a huge integer through its BigInteger (an infinity).
                value = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? JsonNumbers.toDouble(p.getNumberValue()) : p.getDoubleValue();
            } else {
                throw new InvalidForecastRequestException(at + "[" + n + "]", at + "[" + n
                        + "] must be a number or null, got " + describe(p));
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = value;
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** {@code series[2].values}: where the parser stands, as the problems name fields. */
    private static String path(JsonParser p) {
        StringBuilder out = new StringBuilder();
        for (String part : p.streamReadContext().pathAsPointer().toString().split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }

    /** What the client sent at the current token, briefly, as {@link JsonRequests#describe} says it. */
    private static String describe(JsonParser p) {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getString();
            return "a string (\"" + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "\")";
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return "a boolean (" + (token == JsonToken.VALUE_TRUE) + ")";
        }
        if (token == JsonToken.START_ARRAY) {
            return "an array";
        }
        if (token == JsonToken.START_OBJECT) {
            return "an object";
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            String text = p.getString();
            return "the number " + (text.length() > 30 ? text.substring(0, 30) + "..." : text);
        }
        return "null";
    }
}
