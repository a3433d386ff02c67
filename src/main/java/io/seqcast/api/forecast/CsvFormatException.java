package io.seqcast.api.forecast;

import io.seqcast.input.ProblemException;

/** A CSV body that cannot be read as series: 400 naming the line (and column). */
public class CsvFormatException extends ProblemException {

    private final int line;

    CsvFormatException(int line, String message) {
        super("line " + line, "line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Malformed CSV";
    }

    @Override
    protected String typeName() {
        return "malformed-csv";
    }
}
