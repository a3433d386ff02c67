package io.seqcast.api.forecast;

import io.seqcast.forecast.BacktestInput;
import io.seqcast.forecast.ForecastInput;
import io.seqcast.api.JsonNumbers;
import io.seqcast.forecast.InvalidForecastRequestException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a {@link ForecastRequest} onto a {@link ForecastInput} and a {@link BacktestRequest} onto a
 * {@link BacktestInput}, checking each number's JSON type.
 */
final class JsonRequests {

    private JsonRequests() {
    }

    static ForecastInput toInput(ForecastRequest request) {
        if (request == null) {
            throw new InvalidForecastRequestException("body", "the request body must be a JSON object with horizon "
                    + "and series");
        }
        return new ForecastInput(request.model(), horizon(request.horizon()), request.frequency(),
                levels(request.levels()), series(request.series()), request.selection());
    }

    static BacktestInput toInput(BacktestRequest request) {
        if (request == null) {
            throw new InvalidForecastRequestException("body", "the request body must be a JSON object with horizon "
                    + "and series");
        }
        return new BacktestInput(request.model(), horizon(request.horizon()),
                wholeNumber("windows", request.windows()), wholeNumber("step", request.step()), request.frequency(),
                levels(request.levels()), series(request.series()), request.selection());
    }

    /** The series of a JSON body ({@code null} stays {@code null}: the service says it is required). */
    static List<ForecastInput.SeriesInput> series(List<ForecastRequest.SeriesRequest> requests) {
        if (requests == null) {
            return null;
        }
        List<ForecastInput.SeriesInput> series = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ForecastRequest.SeriesRequest s = requests.get(i);
            series.add(s == null ? null : new ForecastInput.SeriesInput(s.id(),
                    s.values(), s.timestamps(), s.start()));
        }
        return series;
    }

    static Integer horizon(JsonNode node) {
        return wholeNumber("horizon", node);
    }

    /**
     * A whole number named {@code field}, {@code null} when absent; a fraction, string or boolean is a
     * 400 naming the field; a whole number beyond {@code int} is {@link Integer#MAX_VALUE} (over any limit:
     * the service says so).
     */
    static Integer wholeNumber(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new InvalidForecastRequestException(field, field + " must be a whole number, got " + describe(node));
        }
        if (!node.canConvertToInt()) {
            return Integer.MAX_VALUE; // far over any limit: the service says so
        }
        return node.intValue();
    }

    static List<Double> levels(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidForecastRequestException("levels", "levels must be an array of percentages such as "
                    + "[80, 95], got " + describe(node));
        }
        List<Double> levels = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode level = node.get(i);
            if (!level.isNumber()) {
                throw new InvalidForecastRequestException("levels[" + i + "]", "levels[" + i
                        + "] must be a number between 1 and 99, got " + describe(level));
            }
            levels.add(JsonNumbers.toDouble(level));
        }
        return levels;
    }

    /** "a string (\"12\")", "a boolean (true)", "an object"...: what the client sent, briefly. */
    static String describe(JsonNode node) {
        if (node.isString()) {
            String text = node.asString();
            return "a string (\"" + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "\")";
        }
        if (node.isBoolean()) {
            return "a boolean (" + node.asString() + ")";
        }
        if (node.isNumber()) {
            String text = node.asString();
            return "the number " + (text.length() > 30 ? text.substring(0, 30) + "..." : text);
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
