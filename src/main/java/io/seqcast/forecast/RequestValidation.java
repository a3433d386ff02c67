package io.seqcast.forecast;

import io.seqcast.input.SeriesRules;
import io.seqcast.registry.LoadedModel;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.InvalidTimestampsException;
import io.seqcast.series.SeriesData;
import io.seqcast.series.TimeAxis;
import io.seqcast.training.RollingOriginSelector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The request checks {@code POST /forecast} and {@code POST /backtest} share: horizon, levels,
 * frequency, and the series (limits, ids, finite values, gaps, time axes). Every client mistake is an
 * {@link InvalidForecastRequestException} (400) or a {@link ForecastLimitException} (413) naming the
 * field, series id and index. Thread-safe.
 */
final class RequestValidation {

    /** A series ready for the model, with its time axis when it has one. */
    record Prepared(SeriesData data, TimeAxis axis) {
    }

    private final ForecastProperties properties;
    private final SeriesRules rules;

    RequestValidation(ForecastProperties properties, GapFiller gapFiller) {
        this.properties = properties;
        this.rules = new SeriesRules(properties.seriesLimits(), gapFiller);
    }

    int horizon(Integer horizon) {
        if (horizon == null) {
            throw new InvalidForecastRequestException("horizon", "horizon is required: the number of steps to forecast, "
                    + "1 to " + properties.maxHorizon());
        }
        if (horizon < 1 || horizon > properties.maxHorizon()) {
            throw new InvalidForecastRequestException("horizon", "horizon must be between 1 and "
                    + properties.maxHorizon() + " but was " + horizon);
        }
        return horizon;
    }

    /**
     * The distinct levels in the client's order, else the configured ones. The count is checked before
     * anything else (more than {@code max-levels}: 413), then each level (1 to 99); repeats are dropped
     * through a hash set, so the cost stays linear.
     */
    List<Double> levels(List<Double> levels) {
        if (levels == null) {
            return properties.defaultLevels();
        }
        if (levels.size() > properties.maxLevels()) {
            // A repeated level counts too: the list is refused before it is looked at.
            throw new ForecastLimitException("levels", "levels holds " + levels.size() + " entries; at most "
                    + properties.maxLevels() + " are accepted (seqcast.forecast.max-levels)");
        }
        Set<Double> distinct = new LinkedHashSet<>();
        for (int i = 0; i < levels.size(); i++) {
            Double level = levels.get(i);
            if (level == null || !(level >= 1 && level <= 99)) {
                throw new InvalidForecastRequestException("levels[" + i + "]", "levels[" + i + "] must be a percentage "
                        + "between 1 and 99 but was " + level);
            }
            distinct.add(level);
        }
        return List.copyOf(distinct);
    }

    /**
     * The size of the answer before any work: series x horizon x (1 + 2 x levels) numbers, times
     * {@code windows} for a backtest; over {@code max-forecast-values} is a 413.
     */
    void answerSize(int seriesCount, int horizon, int levelCount, int windows) {
        long values = (long) seriesCount * horizon * (1 + 2L * levelCount) * windows;
        if (values > properties.maxForecastValues()) {
            throw new ForecastLimitException("horizon", "the answer would hold " + values + " numbers ("
                    + seriesCount + " series x horizon " + horizon + " x (1 + 2 x " + levelCount + " levels)"
                    + (windows > 1 ? " x " + windows + " windows" : "") + "); at most "
                    + properties.maxForecastValues() + " are accepted (seqcast.forecast.max-forecast-values): "
                    + "ask for fewer series, steps or levels");
        }
    }

    /** The request's selection policy, else the configured one; anything but best, model or off is a 400. */
    RollingOriginSelector.Policy selection(String selection) {
        if (selection == null) {
            return RollingOriginSelector.Policy.parse(properties.selection().policy());
        }
        if (!selection.equals("best") && !selection.equals("model") && !selection.equals("off")) {
            throw new InvalidForecastRequestException("selection", "selection must be \"best\" (the model, Theta, damped "
                    + "trend, autoregression, seasonal smoothing, their means or seasonal naive, whichever erred least on the series' own past), "
                    + "\"model\" (the model alone, intervals calibrated on the series' past) or \"off\" (the model "
                    + "alone with its model card's intervals, no check) but was \"" + selection + "\"");
        }
        return RollingOriginSelector.Policy.parse(selection);
    }

    static Frequency frequency(String frequency) {
        if (frequency == null) {
            return null;
        }
        try {
            return Frequency.parse(frequency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidForecastRequestException("frequency", e.getMessage());
        }
    }

    /** The number of series, before they are looked at (none: 400, over {@code max-series}: 413). */
    void seriesCount(List<ForecastInput.SeriesInput> series) {
        rules.limits().count(series == null ? 0 : series.size());
    }

    /**
     * The series through the shared checks ({@link SeriesRules}: limits, ids, values, timestamp count),
     * then their time axes.
     */
    List<Prepared> series(List<ForecastInput.SeriesInput> series, Frequency frequency) {
        seriesCount(series);
        List<SeriesRules.Series> typed = new ArrayList<>(series.size());
        for (ForecastInput.SeriesInput s : series) {
            typed.add(s == null ? null : new SeriesRules.Series(s.id(), s.values(), s.timestamps()));
        }
        rules.check(typed);
        List<Prepared> out = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            ForecastInput.SeriesInput s = series.get(i);
            String at = "series[" + i + "]";
            String id = s.id();
            double[] values = s.values();
            List<String> timestamps = s.timestamps();
            TimeAxis axis = null;
            if (timestamps != null) {
                axis = axis(id, at, timestamps, frequency);
            } else if (s.start() != null) {
                if (frequency == null) {
                    throw new InvalidForecastRequestException(at + ".start", "series '" + id + "' (" + at
                            + ") has a start but the request has no frequency to step from it; give frequency "
                            + "(e.g. \"D\", \"M\") or timestamps");
                }
                try {
                    TimeAxis first = TimeAxis.of(frequency, s.start());
                    List<String> derived = new ArrayList<>(values.length);
                    derived.add(first.last());
                    derived.addAll(first.next(values.length - 1));
                    timestamps = derived;
                    axis = TimeAxis.of(frequency, derived.get(derived.size() - 1));
                    if (values.length >= 2) {
                        axis = TimeAxis.infer(derived);
                    }
                } catch (InvalidTimestampsException | IllegalArgumentException | java.time.DateTimeException e) {
                    throw new InvalidForecastRequestException(at + ".start", "series '" + id + "' (" + at
                            + "): start: " + e.getMessage());
                }
            }
            out.add(new Prepared(new SeriesData(id, values, timestamps), axis));
        }
        return out;
    }

    /**
     * The series' time axis: inferred from its timestamps (irregular without a frequency: 400); with a
     * frequency given, regular timestamps must agree with it, and irregular ones (a missing date)
     * are accepted: the forecast steps by the frequency from the last timestamp.
     */
    private static TimeAxis axis(String id, String at, List<String> timestamps, Frequency frequency) {
        TimeAxis inferred;
        try {
            inferred = TimeAxis.infer(timestamps);
        } catch (InvalidTimestampsException e) {
            if (frequency == null || unparseableOrDecreasing(e)) {
                throw new InvalidForecastRequestException(at + ".timestamps[" + e.index() + "]", "series '" + id
                        + "' (" + at + "): " + e.getMessage() + (frequency == null
                        ? "; give regular timestamps, or a frequency to step from the last one" : ""));
            }
            try {
                return TimeAxis.of(frequency, timestamps.get(timestamps.size() - 1));
            } catch (InvalidTimestampsException | IllegalArgumentException inner) {
                throw new InvalidForecastRequestException(at + ".timestamps[" + (timestamps.size() - 1) + "]",
                        "series '" + id + "' (" + at + "): " + inner.getMessage());
            }
        }
        if (frequency != null && !frequency.equals(inferred.frequency())) {
            throw new InvalidForecastRequestException("frequency", "frequency " + frequency.code()
                    + " does not match the timestamps of series '" + id + "' (" + at + "), which step by "
                    + inferred.frequency().code());
        }
        return inferred;
    }

    private static boolean unparseableOrDecreasing(InvalidTimestampsException e) {
        String m = e.getMessage();
        return m.contains("not an ISO-8601") || m.contains("must increase") || m.contains("at least 2");
    }

    /**
     * The policies that depend on the serving model, shared by {@code /forecast} and {@code /backtest}:
     * a horizon beyond the model's own (refused when strict, else a warning that it is extended
     * recursively) and series shorter than its window (refused, or padded with a warning).
     *
     * @param beforeOrigins {@code true} when {@code series} are a backtest's histories before its
     *     origins (the messages say so), {@code false} for the series of a forecast
     */
    void checkModel(LoadedModel model, int horizon, List<SeriesData> series, boolean beforeOrigins,
                    Collection<String> warnings) {
        int modelHorizon = model.manifest().architecture().horizon();
        if (horizon > modelHorizon) {
            if (properties.strictHorizon()) {
                throw new InvalidForecastRequestException("horizon", "horizon " + horizon + " is beyond the horizon "
                        + modelHorizon + " of model '" + model.label() + "', and recursive extension is off "
                        + "(seqcast.forecast.strict-horizon); ask for at most " + modelHorizon + " steps");
            }
            warnings.add("horizon " + horizon + " is beyond the model's own " + modelHorizon + ": where the model "
                    + "answers, steps from " + (modelHorizon + 1) + " on are forecast recursively (forecasts fed back "
                    + "as inputs); read them as rough");
        }
        int window = model.manifest().architecture().window();
        List<String> shortIds = new ArrayList<>();
        for (SeriesData s : series) {
            if (s.length() < window) {
                shortIds.add(s.id());
            }
        }
        if (shortIds.isEmpty()) {
            return;
        }
        String ids = ForecastService.quoted(shortIds);
        String verb = shortIds.size() == 1 ? "is" : "are";
        if (properties.refuseShortSeries()) {
            throw new InvalidForecastRequestException("series", (beforeOrigins
                    ? "the history of series " + ids + " before an origin is" : "series " + ids + " " + verb)
                    + " shorter than the window of " + window + " points of model '" + model.label()
                    + "' (seqcast.forecast.short-series=refuse)");
        }
        warnings.add(beforeOrigins
                ? "the history of series " + ids + " before some origins is shorter than the model's window of "
                        + window + " points: the input is padded with the first value; expect a less accurate forecast"
                : "series " + ids + " " + verb + " shorter than the model's window of " + window + " points: the "
                        + "input is padded with the first value (see paddedSteps); expect a less accurate forecast");
    }
}
