package io.seqcast.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the R datasets copied into {@code src/test/resources/datasets} ({@code date,value} CSV). */
public final class Datasets {

    private Datasets() {
    }

    /** The values of {@code datasets/<name>.csv}, NaN where empty. */
    public static double[] values(String name) {
        List<String[]> rows = rows(name);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            String v = rows.get(i).length > 1 ? rows.get(i)[1].trim() : "";
            out[i] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        }
        return out;
    }

    /** The first column of {@code datasets/<name>.csv}. */
    public static List<String> dates(String name) {
        List<String> out = new ArrayList<>();
        for (String[] row : rows(name)) {
            out.add(row[0].trim());
        }
        return out;
    }

    private static List<String[]> rows(String name) {
        String path = "/datasets/" + name + ".csv";
        try (InputStream in = Datasets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test dataset " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            reader.readLine(); // header
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
