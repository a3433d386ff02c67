package io.seqcast.api.forecast;

import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.ForecastLimitException;
import io.seqcast.forecast.InvalidForecastRequestException;
import io.seqcast.input.SeriesRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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

    /**
     * The series of a CSV body, read as UTF-8 while it arrives, within {@code limits} (see
     * {@link CsvSeries#parse(java.io.Reader, SeriesRules.Limits)}). A body over
     * {@code seqcast.forecast.max-body-size} is a 413 and one that cannot be read a 400.
     */
    static List<ForecastInput.SeriesInput> series(InputStream body, SeriesRules.Limits limits) {
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            return CsvSeries.parse(reader, limits);
        } catch (RequestBodyTooLargeException e) {
            throw new ForecastLimitException("body", e.getMessage());
        } catch (IOException e) {
            throw new InvalidForecastRequestException("body", "the request body cannot be read");
        }
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
