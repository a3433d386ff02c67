package io.seqcast.api.forecast;

import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.InvalidForecastRequestException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Maps a {@link ForecastRequest} onto a {@link ForecastInput}, checking each number's JSON type. */
final class JsonRequests {

    private JsonRequests() {
    }

    static ForecastInput toInput(ForecastRequest request) {
        if (request == null) {
            throw new InvalidForecastRequestException("body", "the request body must be a JSON object with horizon "
                    + "and series");
        }
        List<ForecastInput.SeriesInput> series = null;
        if (request.series() != null) {
            series = new ArrayList<>(request.series().size());
            for (int i = 0; i < request.series().size(); i++) {
                ForecastRequest.SeriesRequest s = request.series().get(i);
                series.add(s == null ? null : new ForecastInput.SeriesInput(s.id(),
                        values("series[" + i + "].values", s.values()), s.timestamps(), s.start()));
            }
        }
        return new ForecastInput(request.model(), horizon(request.horizon()), request.frequency(),
                levels(request.levels()), series);
    }

    static Integer horizon(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new InvalidForecastRequestException("horizon", "horizon must be a whole number, got " + describe(node));
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
            levels.add(level.doubleValue());
        }
        return levels;
    }

    static double[] values(String at, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidForecastRequestException(at, at + " must be an array of numbers (null where missing), got "
                    + describe(node));
        }
        double[] values = new double[node.size()];
        for (int j = 0; j < values.length; j++) {
            JsonNode v = node.get(j);
            if (v.isNull()) {
                values[j] = Double.NaN;
            } else if (v.isNumber()) {
                values[j] = v.doubleValue();
            } else {
                throw new InvalidForecastRequestException(at + "[" + j + "]", at + "[" + j
                        + "] must be a number or null, got " + describe(v));
            }
        }
        return values;
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
