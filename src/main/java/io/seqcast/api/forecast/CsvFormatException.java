package io.seqcast.api.forecast;

/** A CSV body that cannot be read as series: 400 naming the line (and column). */
public class CsvFormatException extends RuntimeException {

    private final int line;

    CsvFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
