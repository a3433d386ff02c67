package io.seqcast.input;

import io.seqcast.series.GapFiller;
import io.seqcast.series.InvalidSeriesException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one check of a request's series, shared by {@code /forecast}, {@code /backtest} and training
 * jobs: how many series, how many points in each and in all (each over its limit: 413 naming the
 * limit's property), and each series' id (required, unique), values (at least one, no infinity,
 * enough observed for the gap filler) and timestamps (one per value, none {@code null}). A client
 * mistake is an {@link InvalidInputException} naming the field, series id and index. The time axis
 * (frequency, regularity) is the caller's: forecasting and training read it differently.
 * Immutable and thread-safe.
 */
public final class SeriesRules {

    /**
     * One configured limit.
     *
     * @param max the largest accepted count
     * @param property the property that sets it, named in the refusal (e.g. {@code seqcast.forecast.max-series})
     */
    public record Limit(long max, String property) {
    }

    /**
     * The size limits of one endpoint's series.
     *
     * @param series most series in one request
     * @param pointsPerSeries most values in one series
     * @param totalPoints most values over all series of one request
     */
    public record Limits(Limit series, Limit pointsPerSeries, Limit totalPoints) {

        /**
         * The count of series, before any is read: none is a 400, more than the limit a 413. Parsers call
         * it as series arrive, so an oversized request is refused before it is held whole.
         */
        public void count(int count) {
            if (count <= 0) {
                throw new InvalidInputException("series", "series is required: at least one series");
            }
            if (count > series().max()) {
                throw new InputLimitException("series", "a request may hold at most " + series().max()
                        + " series but this one has " + (count == Integer.MAX_VALUE ? "more" : count) + " ("
                        + series().property() + ")");
            }
        }

        /**
         * The size of series {@code index} and the running total, before its values are held: each over
         * its limit is a 413 naming the series. Parsers call it as points arrive.
         *
         * @param points the values of this series (so far, unless {@code complete})
         * @param total the values of all series so far, this one's included
         * @param complete whether {@code points} is the whole series (the message says "more than" if not)
         */
        public void points(int index, String id, long points, long total, boolean complete) {
            String at = "series[" + index + "]";
            if (points > pointsPerSeries().max()) {
                throw new InputLimitException(at + ".values", "series '" + id + "' (" + at + ") has "
                        + (complete ? points : "more than " + pointsPerSeries().max()) + " values; at most "
                        + pointsPerSeries().max() + " are accepted (" + pointsPerSeries().property() + ")");
            }
            if (total > totalPoints().max()) {
                throw new InputLimitException("series", "the series hold more than the " + totalPoints().max()
                        + " values one request may hold in all (" + totalPoints().property() + "); series '" + id
                        + "' (" + at + ") went over");
            }
        }
    }

    /**
     * One series as the client sent it.
     *
     * @param id the client's name for it
     * @param values oldest first, {@code NaN} where missing
     * @param timestamps one per value, or {@code null}
     */
    public record Series(String id, double[] values, List<String> timestamps) {
    }

    private final Limits limits;
    private final GapFiller gapFiller;

    public SeriesRules(Limits limits, GapFiller gapFiller) {
        this.limits = limits;
        this.gapFiller = gapFiller;
    }

    public Limits limits() {
        return limits;
    }

    /** All checks of the class comment, in the order of the series; the first failure is thrown. */
    public void check(List<Series> series) {
        limits.count(series == null ? 0 : series.size());
        Map<String, Integer> ids = new HashMap<>();
        long total = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String at = "series[" + i + "]";
            if (s == null) {
                throw new InvalidInputException(at, at + " is null; expected an object with id and values");
            }
            if (s.id() == null || s.id().isBlank()) {
                throw new InvalidInputException(at + ".id", at + ".id is required");
            }
            String id = s.id();
            Integer previous = ids.putIfAbsent(id, i);
            if (previous != null) {
                throw new InvalidInputException(at + ".id", "series id '" + id + "' appears more than once: "
                        + at + " and series[" + previous + "]; ids must be unique");
            }
            double[] values = s.values();
            if (values == null || values.length == 0) {
                throw new InvalidInputException(at + ".values", "series '" + id + "' (" + at + ") has no values");
            }
            total += values.length;
            limits.points(i, id, values.length, total, true);
            for (int j = 0; j < values.length; j++) {
                if (Double.isInfinite(values[j])) {
                    throw new InvalidInputException(at + ".values[" + j + "]", "series '" + id + "' (" + at
                            + "): value at index " + j + " is infinite; only finite numbers or null are accepted");
                }
            }
            List<String> timestamps = s.timestamps();
            if (timestamps != null) {
                if (timestamps.size() != values.length) {
                    throw new InvalidInputException(at + ".timestamps", "series '" + id + "' (" + at + ") has "
                            + values.length + " values but " + timestamps.size() + " timestamps; send one per "
                            + "value or none");
                }
                for (int k = 0; k < timestamps.size(); k++) {
                    if (timestamps.get(k) == null) {
                        throw new InvalidInputException(at + ".timestamps[" + k + "]", "series '" + id + "' (" + at
                                + "): timestamp at index " + k + " is null");
                    }
                }
            }
            try {
                gapFiller.fill(id, values);
            } catch (InvalidSeriesException e) {
                throw new InvalidInputException(at + ".values", e.getMessage());
            }
        }
    }
}
