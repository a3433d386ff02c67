package io.seqcast.api.forecast;

import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.InvalidForecastRequestException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV side of {@code POST /forecast} and {@code POST /backtest}: the series from the body
 * ({@link CsvSeries}), the settings from query parameters, refused in the same words by both endpoints.
 * JSON bodies go through {@link JsonRequests}.
 */
final class CsvRequests {

    /** The media type of CSV bodies. */
    static final String MEDIA_TYPE = "text/csv";

    private CsvRequests() {
    }

    /** The series of a CSV body, read as UTF-8. */
    static List<ForecastInput.SeriesInput> series(byte[] body) {
        return CsvSeries.parse(new String(body, StandardCharsets.UTF_8));
    }

    /** A whole-number query parameter, {@code null} when absent. */
    static Integer wholeNumber(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            if (value.trim().matches("\\d+")) {
                return Integer.MAX_VALUE; // too many digits: over any limit, the service says so
            }
            throw new InvalidForecastRequestException(name, name + " must be a whole number, got '"
                    + abbreviate(value) + "'");
        }
    }

    /** The {@code levels} query parameter: repeated, comma-separated or both; {@code null} when absent. */
    static List<Double> levels(List<String> levels) {
        if (levels == null) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (String part : levels) {
            for (String level : part.split(",")) {
                if (level.isBlank()) {
                    continue;
                }
                try {
                    out.add(Double.valueOf(level.trim()));
                } catch (NumberFormatException e) {
                    throw new InvalidForecastRequestException("levels[" + out.size() + "]", "levels[" + out.size()
                            + "] must be a number between 1 and 99, got '" + abbreviate(level) + "'");
                }
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
