package io.seqcast.api.forecast;

import io.seqcast.forecast.ForecastInput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads series from CSV (RFC 4180: commas, optional double quotes, {@code ""} inside quotes):
 * {@code id,timestamp,value} rows for many series, or {@code timestamp,value} for one (its id is
 * {@value #SINGLE_ID}). A header line is optional; with one, columns are found by name ({@code id},
 * {@code series} or {@code unique_id}; {@code timestamp}, {@code ds}, {@code date} or {@code time};
 * {@code value} or {@code y}) in any order. Rows of a series keep their order; series are returned in
 * the order of their first row. An empty value, {@code NA} or {@code null} is missing; anything else
 * must be a decimal number ({@code NaN} and {@code Infinity} are refused, as in JSON).
 */
final class CsvSeries {

    static final String SINGLE_ID = "series";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvSeries() {
    }

    static List<ForecastInput.SeriesInput> parse(String body) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        String[] lines = body.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            rows.add(fields(line, i + 1));
            lineOf.add(i + 1);
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(1, "the CSV body is empty; expected rows of id,timestamp,value or timestamp,value");
        }
        int idColumn;
        int timeColumn;
        int valueColumn;
        int first = 0;
        String[] head = rows.get(0);
        int width = head.length;
        if (isHeader(head)) {
            idColumn = -1;
            timeColumn = -1;
            valueColumn = -1;
            for (int c = 0; c < head.length; c++) {
                switch (head[c].trim().toLowerCase(Locale.ROOT)) {
                    case "id", "series", "unique_id" -> idColumn = c;
                    case "timestamp", "ds", "date", "time" -> timeColumn = c;
                    case "value", "y" -> valueColumn = c;
                    default -> throw new CsvFormatException(lineOf.get(0), "unknown column '" + head[c].trim()
                            + "'; expected id, timestamp and value");
                }
            }
            if (timeColumn < 0 || valueColumn < 0) {
                throw new CsvFormatException(lineOf.get(0), "the header needs a timestamp and a value column "
                        + "(and an id column for several series)");
            }
            first = 1;
        } else if (width == 3) {
            idColumn = 0;
            timeColumn = 1;
            valueColumn = 2;
        } else if (width == 2) {
            idColumn = -1;
            timeColumn = 0;
            valueColumn = 1;
        } else {
            throw new CsvFormatException(lineOf.get(0), "expected 3 fields (id,timestamp,value) or 2 "
                    + "(timestamp,value) but found " + width);
        }
        Map<String, List<String>> timestamps = new LinkedHashMap<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int r = first; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int line = lineOf.get(r);
            if (row.length != width) {
                throw new CsvFormatException(line, "expected " + width + " fields but found " + row.length);
            }
            String id = idColumn < 0 ? SINGLE_ID : row[idColumn].trim();
            if (id.isEmpty()) {
                throw new CsvFormatException(line, "the id is empty");
            }
            String timestamp = row[timeColumn].trim();
            if (timestamp.isEmpty()) {
                throw new CsvFormatException(line, "the timestamp is empty");
            }
            timestamps.computeIfAbsent(id, k -> new ArrayList<>()).add(timestamp);
            values.computeIfAbsent(id, k -> new ArrayList<>()).add(value(row[valueColumn].trim(), line));
        }
        if (values.isEmpty()) {
            throw new CsvFormatException(lineOf.get(0), "the CSV body has a header but no rows");
        }
        List<ForecastInput.SeriesInput> series = new ArrayList<>(values.size());
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            List<Double> v = e.getValue();
            double[] array = new double[v.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = v.get(i);
            }
            series.add(new ForecastInput.SeriesInput(e.getKey(), array, timestamps.get(e.getKey()), null));
        }
        return series;
    }

    private static boolean isHeader(String[] row) {
        for (String field : row) {
            String f = field.trim().toLowerCase(Locale.ROOT);
            if (f.equals("value") || f.equals("y") || f.equals("timestamp") || f.equals("ds")) {
                return true;
            }
        }
        return false;
    }

    private static double value(String text, int line) {
        if (text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new CsvFormatException(line, "value '" + (text.length() > 20 ? text.substring(0, 20) + "..." : text)
                    + "' is not a number (leave it empty or write NA when missing)");
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw new CsvFormatException(line, "value '" + text + "' is out of range");
        }
        return v;
    }

    /** Splits one line into fields, honouring double quotes. */
    private static String[] fields(String line, int number) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new CsvFormatException(number, "a quoted field is not closed");
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }
}
