package io.seqcast.api.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Test series and request bodies. */
final class Series {

    private Series() {
    }

    /** A monthly seasonal series with a trend and seeded noise: level 100, season 12. */
    static double[] seasonal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = 100 + 0.5 * t + 20 * Math.sin(2 * Math.PI * t / 12) + 3 * random.nextGaussian();
        }
        return v;
    }

    static String json(double[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(Double.isNaN(values[i]) ? "null"
                    : String.format(Locale.ROOT, "%.3f", values[i]));
        }
        return out.append(']').toString();
    }

    /** Month ends from {@code first} (a month end). */
    static List<String> monthEnds(LocalDate first, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate d = first.plusMonths(i);
            out.add(d.withDayOfMonth(d.lengthOfMonth()).toString());
        }
        return out;
    }

    static List<String> days(LocalDate first, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(first.plusDays(i).toString());
        }
        return out;
    }

    static String strings(List<String> values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }

    /** {"horizon": h, "series": [{"id": "s1", "values": [...]}]} plus extra top-level fields. */
    static String body(int horizon, double[] values, String extra) {
        return "{\"horizon\":" + horizon + (extra == null ? "" : "," + extra) + ",\"series\":[{\"id\":\"s1\",\"values\":"
                + json(values) + "}]}";
    }
}
