package io.seqcast.training;

import io.seqcast.series.SeriesData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The public series from R's {@code datasets} package that seqcast trains its default model on and
 * reports accuracy on: a folder with {@code index.csv} ({@code name,r_package,frequency,length,...})
 * and one {@code <name>.csv} per series ({@code date,value} or {@code index,value}, empty = missing).
 *
 * <p>Holdout, as in ACCURACY.md: the last two seasons for monthly and quarterly series (at most 24
 * points), the last 10 points otherwise; series with fewer than 20 points or two seasons before the
 * holdout are skipped: 25 series, ACCURACY.md's set (airmiles, 24 points, is in it with 14 points of
 * history; uspop, 19 points, is not). A model is trained only on histories of at least
 * {@value #MIN_TRAINING_HISTORY} points ({@link Entry#trainable()}): airmiles is evaluated, never trained on.
 */
public final class PublicDatasets {

    /**
     * One series with its holdout.
     *
     * @param series the whole series
     * @param perYear observations per year as R records it (12 monthly, 4 quarterly, 1 yearly...)
     * @param holdout points at the end kept for evaluation
     */
    public record Entry(SeriesData series, double perYear, int holdout) {

        /** The series without its holdout: what a model may be trained on. */
        public SeriesData history() {
            int n = series.length() - holdout;
            return new SeriesData(series.id(), Arrays.copyOf(series.values(), n),
                    series.timestamps() == null ? null : series.timestamps().subList(0, n));
        }

        /** Whether the history is long enough to train on ({@value #MIN_TRAINING_HISTORY} points or more). */
        public boolean trainable() {
            return series.length() - holdout >= MIN_TRAINING_HISTORY;
        }

        /**
         * The same series ending {@code windows} holdouts earlier, for an evaluation on more than the
         * last window ({@code 0}: this entry); empty when what is left is too short by {@link #load}'s rule.
         */
        public Optional<Entry> shiftedBack(int windows) {
            int length = series.length() - windows * holdout;
            if (length < MIN_LENGTH || length - holdout < 2 * season()) {
                return Optional.empty();
            }
            String id = windows == 0 ? series.id() : series.id() + "@-" + windows;
            return Optional.of(new Entry(new SeriesData(id, Arrays.copyOf(series.values(), length),
                    series.timestamps() == null ? null : series.timestamps().subList(0, length)), perYear, holdout));
        }

        /** The season length for baselines and MASE: 12, 4, or 1. */
        public int season() {
            return perYear == 12 ? 12 : perYear == 4 ? 4 : 1;
        }
    }

    /** Fewest points a series needs for evaluation, holdout included (ACCURACY.md). */
    static final int MIN_LENGTH = 20;

    /** Fewest points of history a series needs to be trained on. */
    public static final int MIN_TRAINING_HISTORY = 20;

    private PublicDatasets() {
    }

    public static List<Entry> load(Path folder) {
        try {
            List<String> index = Files.readAllLines(folder.resolve("index.csv"), StandardCharsets.UTF_8);
            List<Entry> entries = new ArrayList<>();
            for (String line : index.subList(1, index.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split(",");
                String name = cols[0];
                double perYear = Double.parseDouble(cols[2]);
                SeriesData series = read(folder.resolve(name + ".csv"), name);
                int season = perYear == 12 ? 12 : perYear == 4 ? 4 : 1;
                int holdout = season > 1 ? Math.min(24, 2 * season) : 10;
                int history = series.length() - holdout;
                if (series.length() < MIN_LENGTH || history < 2 * season) {
                    continue;
                }
                entries.add(new Entry(series, perYear, holdout));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the datasets in " + folder, e);
        }
    }

    static SeriesData read(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean dated = lines.get(0).startsWith("date");
        List<String> timestamps = new ArrayList<>();
        double[] values = new double[lines.size() - 1];
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",", -1);
            timestamps.add(parts[0]);
            values[n++] = parts[1].isEmpty() ? Double.NaN : Double.parseDouble(parts[1]);
        }
        return new SeriesData(name, Arrays.copyOf(values, n), dated ? timestamps : null);
    }
}
