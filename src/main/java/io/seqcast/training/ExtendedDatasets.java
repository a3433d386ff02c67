package io.seqcast.training;

import io.seqcast.series.SeriesData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended development corpus ({@code datasets/extended}: 100 real series, two held-out windows
 * each, see its README): {@code index.csv} (name, frequency, group...), {@code protocol.csv} (per
 * series and window: season m, horizon h, training length, MASE scale) and {@code series/<name>.csv}
 * ({@code t,value} with R's fractional time).
 *
 * <p>R's time is turned into ISO dates where it names a calendar (monthly, quarterly, weekly,
 * calendar-daily, and yearly series that start in a year of four digits), as a client would send
 * them; the other series carry no timestamps. {@link Window#frequency()} is the frequency a client
 * would name for the protocol's season ({@code M}, {@code Q}, {@code W}, {@code D}, {@code Y}).
 */
public final class ExtendedDatasets {

    /**
     * One held-out window of one series.
     *
     * @param series the whole series, with timestamps where R's time names a calendar
     * @param window 1 (the last h points) or 2 (the h points before those)
     * @param season the protocol's m (12, 4, 52, 7 or 1)
     * @param horizon the protocol's h
     * @param trainLength points before the window (what a method may see)
     * @param scale the protocol's MASE scale: in-sample MAE of the lag-m naive forecast
     * @param frequencyClass {@code M}, {@code Q}, {@code W}, {@code D} or {@code A/other}
     * @param frequency what a client would send: {@code M}, {@code Q}, {@code W}, {@code D}, {@code Y}
     */
    public record Window(SeriesData series, int window, int season, int horizon, int trainLength, double scale,
                         String frequencyClass, String frequency) {

        /** What a method may see: the points before the window. */
        public SeriesData history() {
            return cut(series, trainLength);
        }

        /** The held-out points. */
        public double[] actual() {
            return Arrays.copyOfRange(series.values(), trainLength, trainLength + horizon);
        }

        public String id() {
            return series.id() + "@w" + window;
        }
    }

    private ExtendedDatasets() {
    }

    /** Every evaluable window of the protocol ({@code status == ok}), in the protocol's order. */
    public static List<Window> windows(Path folder) {
        try {
            Map<String, String[]> index = index(folder);
            Map<String, SeriesData> loaded = new LinkedHashMap<>();
            List<String> protocol = Files.readAllLines(folder.resolve("protocol.csv"), StandardCharsets.UTF_8);
            List<String> header = List.of(protocol.get(0).split(","));
            List<Window> windows = new ArrayList<>();
            for (String line : protocol.subList(1, protocol.size())) {
                String[] c = line.split(",", -1);
                if (line.isBlank() || !"ok".equals(c[header.indexOf("status")])) {
                    continue;
                }
                String name = c[header.indexOf("series")];
                SeriesData series = loaded.computeIfAbsent(name, n -> read(folder, n, index.get(n)));
                windows.add(new Window(series, Integer.parseInt(c[header.indexOf("window")]),
                        Integer.parseInt(c[header.indexOf("m")]), Integer.parseInt(c[header.indexOf("h")]),
                        Integer.parseInt(c[header.indexOf("n_train")]), Double.parseDouble(c[header.indexOf("scale")]),
                        c[header.indexOf("freq_class")], clientFrequency(Double.parseDouble(index.get(name)[5]))));
            }
            return windows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the extended datasets in " + folder, e);
        }
    }

    /**
     * Each series cut before its earliest evaluated window: what a model that is evaluated on every
     * window may be trained on (series without an evaluable window are left out).
     */
    public static List<SeriesData> trainingHistories(Path folder) {
        Map<String, SeriesData> earliest = new LinkedHashMap<>();
        for (Window w : windows(folder)) {
            earliest.merge(w.series().id(), w.history(), (a, b) -> a.length() <= b.length() ? a : b);
        }
        return new ArrayList<>(earliest.values());
    }

    static SeriesData cut(SeriesData s, int length) {
        return cut(0, s, length);
    }

    /** Points {@code [from, length)} of a series, timestamps included. */
    static SeriesData cut(int from, SeriesData s) {
        return cut(from, s, s.length());
    }

    private static SeriesData cut(int from, SeriesData s, int to) {
        return new SeriesData(s.id(), Arrays.copyOfRange(s.values(), from, to),
                s.timestamps() == null ? null : s.timestamps().subList(from, to));
    }

    private static String clientFrequency(double perYear) {
        return perYear == 12 ? "M" : perYear == 4 ? "Q" : perYear == 52 ? "W" : perYear == 365 ? "D" : "Y";
    }

    private static Map<String, String[]> index(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("index.csv"), StandardCharsets.UTF_8);
        Map<String, String[]> index = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] c = line.split(",", -1);
                index.put(c[0], c);
            }
        }
        return index;
    }

    private static SeriesData read(Path folder, String name, String[] indexRow) {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("series").resolve(name + ".csv"),
                    StandardCharsets.UTF_8);
            double perYear = Double.parseDouble(indexRow[5]);
            double[] times = new double[lines.size() - 1];
            double[] values = new double[lines.size() - 1];
            int n = 0;
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                times[n] = Double.parseDouble(parts[0]);
                values[n++] = parts[1].isEmpty() || "NA".equals(parts[1]) ? Double.NaN : Double.parseDouble(parts[1]);
            }
            return new SeriesData(name, Arrays.copyOf(values, n), timestamps(Arrays.copyOf(times, n), perYear));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read series " + name, e);
        }
    }

    /** ISO dates for R's fractional time where it names a calendar, else {@code null}. */
    static List<String> timestamps(double[] t, double perYear) {
        if (t.length == 0 || t[0] < 1000) {
            return null;
        }
        List<String> out = new ArrayList<>(t.length);
        for (int i = 0; i < t.length; i++) {
            LocalDate date;
            if (perYear == 12 || perYear == 4) {
                long index = Math.round(t[i] * perYear);
                date = LocalDate.of((int) Math.floorDiv(index, (long) perYear),
                        (int) Math.floorMod(index, (long) perYear) * (12 / (int) perYear) + 1, 1);
            } else if (perYear == 1 && t[i] == Math.rint(t[i])) {
                date = LocalDate.of((int) t[i], 1, 1);
            } else if (perYear == 52 || perYear == 365) {
                // Consecutive weeks or days from the first point's year: the spacing is what matters.
                date = LocalDate.of((int) Math.floor(t[0] + 1e-9), 1, 1).plusDays((perYear == 52 ? 7L : 1L) * i);
            } else {
                return null;
            }
            out.add(date.toString());
        }
        return out;
    }
}
