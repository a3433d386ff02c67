package io.seqcast.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The summary tables of docs/accuracy.md for many series-windows: per method relMASE (geometric mean
 * over windows of MASE over the best of ets, auto.arima and thetaf on that window), median MASE, mean
 * sMAPE and pooled 80% / 95% coverage (share of all held-out points inside), each with a 95%
 * cluster-bootstrap interval that resamples whole series (all their windows together).
 */
final class AccuracySummary {

    /**
     * One method on one held-out window.
     *
     * @param series the cluster the bootstrap resamples (the series, without its window)
     * @param frequencyClass what the per-class table groups by
     * @param mase the method's MASE
     * @param bestR the least MASE of ets, auto.arima and thetaf on the same window
     * @param smape the method's sMAPE (percent)
     * @param in80 held-out points inside the 80% interval
     * @param in95 held-out points inside the 95% interval
     * @param points held-out points scored
     */
    record Outcome(String series, String frequencyClass, double mase, double bestR, double smape, int in80, int in95,
                   int points) {

        double logRatio() {
            return Math.log(Math.max(mase, 1e-12) / Math.max(bestR, 1e-12));
        }
    }

    static final int RESAMPLES = 1_000;

    private final Map<String, List<Outcome>> byMethod = new LinkedHashMap<>();

    void add(String method, Outcome outcome) {
        byMethod.computeIfAbsent(method, k -> new ArrayList<>()).add(outcome);
    }

    /** The main table over every window of the methods, bootstrap intervals included. */
    String table(String title, Predicate<Outcome> keep) {
        StringBuilder out = new StringBuilder("\n" + title + "\n\n| method | windows | relMASE [95% CI] | median MASE"
                + " | mean sMAPE | 80% pooled [CI] | 95% pooled [CI] |\n|---|---:|---|---:|---:|---|---|\n");
        byMethod.forEach((method, all) -> {
            List<Outcome> outcomes = all.stream().filter(keep).toList();
            if (outcomes.isEmpty()) {
                return;
            }
            double[][] boot = bootstrap(outcomes);
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f [%.2f, %.2f] | %.3f | %.2f | %.3f [%.2f, %.2f] | "
                            + "%.3f [%.2f, %.2f] |%n", method, outcomes.size(), relMase(outcomes), pct(boot[0], 0.025),
                    pct(boot[0], 0.975), medianMase(outcomes), meanSmape(outcomes), cover(outcomes, true),
                    pct(boot[1], 0.025), pct(boot[1], 0.975), cover(outcomes, false), pct(boot[2], 0.025),
                    pct(boot[2], 0.975)));
        });
        return out.toString();
    }

    /** relMASE and pooled coverage per frequency class (windows in brackets). */
    String perClass(String title, Predicate<Outcome> keep, List<String> classes) {
        StringBuilder out = new StringBuilder("\n" + title + "\n\n| method |");
        classes.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|").append("---|".repeat(classes.size())).append('\n');
        byMethod.forEach((method, all) -> {
            out.append("| ").append(method).append(" |");
            for (String c : classes) {
                List<Outcome> o = all.stream().filter(keep).filter(x -> x.frequencyClass().equals(c)).toList();
                out.append(o.isEmpty() ? " - |" : String.format(Locale.ROOT, " %.3f (%d), %.2f / %.2f |", relMase(o),
                        o.size(), cover(o, true), cover(o, false)));
            }
            out.append('\n');
        });
        return out.toString();
    }

    static double relMase(List<Outcome> o) {
        return Math.exp(o.stream().mapToDouble(Outcome::logRatio).average().orElse(Double.NaN));
    }

    static double medianMase(List<Outcome> o) {
        double[] m = o.stream().mapToDouble(Outcome::mase).sorted().toArray();
        return m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
    }

    static double meanSmape(List<Outcome> o) {
        return o.stream().mapToDouble(Outcome::smape).average().orElse(Double.NaN);
    }

    static double cover(List<Outcome> o, boolean eighty) {
        long inside = o.stream().mapToLong(x -> eighty ? x.in80() : x.in95()).sum();
        return (double) inside / o.stream().mapToLong(Outcome::points).sum();
    }

    /** Per resample of whole series: relMASE, 80% and 95% pooled coverage. Seeded: the same run, the same interval. */
    private static double[][] bootstrap(List<Outcome> outcomes) {
        Map<String, List<Outcome>> clusters = new LinkedHashMap<>();
        outcomes.forEach(o -> clusters.computeIfAbsent(o.series(), k -> new ArrayList<>()).add(o));
        List<List<Outcome>> list = new ArrayList<>(clusters.values());
        SplittableRandom random = new SplittableRandom(1);
        double[][] stats = new double[3][RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double logSum = 0;
            long n = 0;
            long in80 = 0;
            long in95 = 0;
            long points = 0;
            for (int i = 0; i < list.size(); i++) {
                for (Outcome o : list.get(random.nextInt(list.size()))) {
                    logSum += o.logRatio();
                    n++;
                    in80 += o.in80();
                    in95 += o.in95();
                    points += o.points();
                }
            }
            stats[0][b] = Math.exp(logSum / n);
            stats[1][b] = (double) in80 / points;
            stats[2][b] = (double) in95 / points;
        }
        for (double[] s : stats) {
            Arrays.sort(s);
        }
        return stats;
    }

    private static double pct(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }
}
