package io.seqcast.api.forecast;

import io.seqcast.forecast.ForecastInput;
import io.seqcast.forecast.ForecastLimitException;
import io.seqcast.input.SeriesRules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * must be a decimal number ({@code NaN} and {@code Infinity} are refused, as in JSON). The body is read
 * as a stream, its limits checked as rows arrive (see {@link #parse(Reader, SeriesRules.Limits)}).
 */
final class CsvSeries {

    static final String SINGLE_ID = "series";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvSeries() {
    }

    /** The longest line accepted, in characters: a row of id, timestamp and value never needs more. */
    static final int MAX_LINE_LENGTH = 4096;

    /** One series as its rows arrive: values in a growing primitive array, refused as soon as over a limit. */
    private static final class Builder {

        final int index;
        final String id;
        double[] values = new double[16];
        final List<String> timestamps = new ArrayList<>();
        int size;

        Builder(int index, String id) {
            this.index = index;
            this.id = id;
        }

        void add(String timestamp, double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
            timestamps.add(timestamp);
        }

        ForecastInput.SeriesInput build() {
            return new ForecastInput.SeriesInput(id, Arrays.copyOf(values, size), timestamps, null);
        }
    }

    /** Parses {@code body} whole; for tests and small bodies. */
    static List<ForecastInput.SeriesInput> parse(String body, SeriesRules.Limits limits) {
        try {
            return parse(new StringReader(body), limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * Reads series from {@code in} as its lines arrive, checking the limits on the way: a line over
     * {@value #MAX_LINE_LENGTH} characters, a series over {@code limits}' count, a series or the whole
     * body over its points are refused (413) when they happen, not after the body was read whole.
     * Values go into primitive arrays.
     *
     * @throws IOException when {@code in} fails (e.g. a body over the size limit)
     */
    static List<ForecastInput.SeriesInput> parse(Reader in, SeriesRules.Limits limits) throws IOException {
        LineReader lines = new LineReader(in);
        String line;
        String[] head = null;
        int headLine = 0;
        while ((line = lines.next()) != null) {
            if (lines.number() == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.isBlank()) {
                head = fields(line, lines.number());
                headLine = lines.number();
                break;
            }
        }
        if (head == null) {
            throw new CsvFormatException(1, "the CSV body is empty; expected rows of id,timestamp,value or timestamp,value");
        }
        int idColumn;
        int timeColumn;
        int valueColumn;
        int width = head.length;
        boolean header = isHeader(head);
        if (header) {
            idColumn = -1;
            timeColumn = -1;
            valueColumn = -1;
            for (int c = 0; c < head.length; c++) {
                switch (head[c].trim().toLowerCase(Locale.ROOT)) {
                    case "id", "series", "unique_id" -> idColumn = c;
                    case "timestamp", "ds", "date", "time" -> timeColumn = c;
                    case "value", "y" -> valueColumn = c;
                    default -> throw new CsvFormatException(headLine, "unknown column '" + abbreviate(head[c].trim())
                            + "'; expected id, timestamp and value");
                }
            }
            if (timeColumn < 0 || valueColumn < 0) {
                throw new CsvFormatException(headLine, "the header needs a timestamp and a value column "
                        + "(and an id column for several series)");
            }
        } else if (width == 3) {
            idColumn = 0;
            timeColumn = 1;
            valueColumn = 2;
        } else if (width == 2) {
            idColumn = -1;
            timeColumn = 0;
            valueColumn = 1;
        } else {
            throw new CsvFormatException(headLine, "expected 3 fields (id,timestamp,value) or 2 "
                    + "(timestamp,value) but found " + width);
        }
        Map<String, Builder> series = new LinkedHashMap<>();
        long total = 0;
        Builder last = null;
        String[] row = header ? null : head;
        int rowLine = headLine;
        while (true) {
            if (row == null) {
                line = lines.next();
                if (line == null) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                rowLine = lines.number();
                row = fields(line, rowLine);
            }
            if (row.length != width) {
                throw new CsvFormatException(rowLine, "expected " + width + " fields but found " + row.length);
            }
            String id = idColumn < 0 ? SINGLE_ID : row[idColumn].trim();
            if (id.isEmpty()) {
                throw new CsvFormatException(rowLine, "the id is empty");
            }
            String timestamp = row[timeColumn].trim();
            if (timestamp.isEmpty()) {
                throw new CsvFormatException(rowLine, "the timestamp is empty");
            }
            double value = value(row[valueColumn].trim(), rowLine);
            Builder builder = last != null && last.id.equals(id) ? last : series.get(id);
            if (builder == null) {
                limits.count(series.size() + 1);
                builder = new Builder(series.size(), id);
                series.put(id, builder);
            }
            total++;
            limits.points(builder.index, id, builder.size + 1L, total, false);
            builder.add(timestamp, value);
            last = builder;
            row = null;
        }
        if (series.isEmpty()) {
            throw new CsvFormatException(headLine, "the CSV body has a header but no rows");
        }
        List<ForecastInput.SeriesInput> out = new ArrayList<>(series.size());
        for (Builder b : series.values()) {
            out.add(b.build());
        }
        return out;
    }

    /** Lines of a reader, counted, each at most {@value #MAX_LINE_LENGTH} characters (more: 413). */
    private static final class LineReader {

        private final Reader in;
        private final StringBuilder line = new StringBuilder();
        private int number;
        private boolean pendingCr;
        private boolean done;

        LineReader(Reader in) {
            this.in = in instanceof BufferedReader ? in : new BufferedReader(in, 8192);
        }

        int number() {
            return number;
        }

        /** The next line without its terminator ({@code \r\n}, {@code \n} or {@code \r}), {@code null} at the end. */
        String next() throws IOException {
            if (done) {
                return null;
            }
            line.setLength(0);
            int c;
            while ((c = in.read()) >= 0) {
                if (pendingCr) {
                    pendingCr = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c == '\n' || c == '\r') {
                    pendingCr = c == '\r';
                    number++;
                    return line.toString();
                }
                if (line.length() == MAX_LINE_LENGTH) {
                    throw new ForecastLimitException("line " + (number + 1), "line " + (number + 1) + " of the CSV "
                            + "body is longer than " + MAX_LINE_LENGTH + " characters, the most a line may hold");
                }
                line.append((char) c);
            }
            done = true;
            number++;
            return line.toString();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
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
