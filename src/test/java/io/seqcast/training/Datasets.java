package io.seqcast.training;

import io.seqcast.series.SeriesData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the public R datasets copied into {@code src/test/resources/datasets} ({@code date,value} or {@code index,value}). */
public final class Datasets {

    private Datasets() {
    }

    public static SeriesData load(String name) {
        String path = "/datasets/" + name + ".csv";
        try (InputStream in = Datasets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            boolean dated = header.startsWith("date");
            List<String> timestamps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                timestamps.add(parts[0]);
                values.add(parts[1].isEmpty() ? Double.NaN : Double.parseDouble(parts[1]));
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            return new SeriesData(name, v, dated ? timestamps : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code n} points of a series (its training part). */
    public static SeriesData head(SeriesData s, int n) {
        return new SeriesData(s.id(), java.util.Arrays.copyOf(s.values(), n),
                s.timestamps() == null ? null : s.timestamps().subList(0, n));
    }
}
