package io.seqcast.forecast;

import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.InvalidTimestampsException;
import io.seqcast.series.SeriesData;
import io.seqcast.series.TimeAxis;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.training.ModelFitter;
import io.seqcast.training.Prediction;
import io.seqcast.training.Predictor;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /forecast} without the web: validate (limits, finite numbers, horizon, levels, time
 * axes) -> resolve the model once (an immutable {@link LoadedModel}; a concurrent hot-swap cannot
 * change it mid-request) or fit one in auto mode -> one batched {@link Predictor} pass for all series
 * on the shared compute context -> forecast timestamps. No lock on this path. Thread-safe.
 *
 * <p>Every client mistake is an {@link InvalidForecastRequestException} (400) or a
 * {@link ForecastLimitException} (413) that names the field, series id and index.
 */
@Service
public class ForecastService {

    /** The model reference that trains a model on the request's own series. */
    public static final String AUTO = "auto";

    private final ModelRegistry registry;
    private final ForecastProperties properties;
    private final GapFiller gapFiller = new GapFiller();
    private final Predictor predictor;
    private final AutoForecaster auto;

    public ForecastService(ModelRegistry registry, ComputeContext compute, ForecastProperties properties) {
        this.registry = registry;
        this.properties = properties;
        this.predictor = new Predictor(compute, gapFiller);
        this.auto = new AutoForecaster(new ModelFitter(compute, gapFiller), registry, properties.auto());
    }

    public ForecastProperties properties() {
        return properties;
    }

    /** A series ready for the model, with its time axis when it has one. */
    private record Prepared(SeriesData data, TimeAxis axis) {
    }

    public ForecastResult forecast(ForecastInput input) {
        long start = System.nanoTime();
        int horizon = horizon(input.horizon());
        List<Double> levels = levels(input.levels());
        Frequency frequency = frequency(input.frequency());
        List<Prepared> prepared = series(input.series(), frequency);
        List<SeriesData> data = prepared.stream().map(Prepared::data).toList();
        List<String> warnings = new ArrayList<>();

        String reference = input.model() == null || input.model().isBlank() ? properties.defaultModel() : input.model().trim();
        LoadedModel model;
        boolean ephemeral = false;
        ForecastResult.AutoFit autoFit = null;
        if (AUTO.equals(reference)) {
            String[] reason = new String[1];
            AutoForecaster.Outcome outcome = auto.fit(data, horizon, frequency == null ? null : frequency.code(), start,
                    reason);
            if (outcome == null) {
                model = registry.resolve(ModelReference.parse(properties.defaultModel()));
                autoFit = new ForecastResult.AutoFit(true, reason[0], (System.nanoTime() - start) / 1_000_000, 0, 0,
                        false, null, null);
                warnings.add("auto: the series are too short for a model of their own (" + reason[0]
                        + "); the default model '" + model.label() + "' answered instead");
            } else {
                model = outcome.model();
                ephemeral = outcome.ephemeral();
                autoFit = outcome.fit();
                if (autoFit.stoppedByBudget()) {
                    warnings.add("auto: training stopped at the time budget of " + properties.auto().budget().toMillis()
                            + " ms with the best weights so far");
                }
            }
        } else {
            model = registry.resolve(ModelReference.parse(reference));
        }

        int modelHorizon = model.manifest().architecture().horizon();
        if (horizon > modelHorizon) {
            if (properties.strictHorizon()) {
                throw new InvalidForecastRequestException("horizon", "horizon " + horizon + " is beyond the horizon "
                        + modelHorizon + " of model '" + model.label() + "', and recursive extension is off "
                        + "(seqcast.forecast.strict-horizon); ask for at most " + modelHorizon + " steps");
            }
            warnings.add("horizon " + horizon + " is beyond the model's own " + modelHorizon + ": steps from "
                    + (modelHorizon + 1) + " on are forecast recursively (forecasts fed back as inputs) and their "
                    + "intervals are widened by sqrt(step / " + modelHorizon + "), an approximation");
        }
        int window = model.manifest().architecture().window();
        List<String> shortIds = new ArrayList<>();
        for (SeriesData s : data) {
            if (s.length() < window) {
                shortIds.add(s.id());
            }
        }
        if (!shortIds.isEmpty()) {
            if (properties.refuseShortSeries()) {
                throw new InvalidForecastRequestException("series", "series " + quoted(shortIds) + " "
                        + (shortIds.size() == 1 ? "is" : "are") + " shorter than the window of " + window
                        + " points of model '" + model.label() + "' (seqcast.forecast.short-series=refuse)");
            }
            warnings.add("series " + quoted(shortIds) + " " + (shortIds.size() == 1 ? "is" : "are")
                    + " shorter than the model's window of " + window + " points: the input is padded with the "
                    + "first value (see paddedSteps); expect a less accurate forecast");
        }

        List<Prediction> predictions = predictor.predict(model.model(), model.manifest(), data, horizon, levels,
                frequency);

        List<ForecastResult.SeriesForecast> forecasts = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            requireFinite(p);
            TimeAxis axis = prepared.get(i).axis();
            forecasts.add(new ForecastResult.SeriesForecast(p.id(), axis == null ? null : axis.frequency().code(),
                    axis == null ? null : axis.next(horizon), p.mean(), p.intervals(), p.extendedFrom(),
                    p.paddedSteps()));
        }
        return new ForecastResult(new ForecastResult.ServedBy(model.name(), model.version(), ephemeral), forecasts,
                warnings, autoFit);
    }

    private int horizon(Integer horizon) {
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

    private List<Double> levels(List<Double> levels) {
        if (levels == null) {
            return properties.defaultLevels();
        }
        List<Double> out = new ArrayList<>(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            Double level = levels.get(i);
            if (level == null || !(level >= 1 && level <= 99)) {
                throw new InvalidForecastRequestException("levels[" + i + "]", "levels[" + i + "] must be a percentage "
                        + "between 1 and 99 but was " + level);
            }
            if (!out.contains(level)) {
                out.add(level);
            }
        }
        return out;
    }

    private static Frequency frequency(String frequency) {
        if (frequency == null) {
            return null;
        }
        try {
            return Frequency.parse(frequency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidForecastRequestException("frequency", e.getMessage());
        }
    }

    private List<Prepared> series(List<ForecastInput.SeriesInput> series, Frequency frequency) {
        if (series == null || series.isEmpty()) {
            throw new InvalidForecastRequestException("series", "series is required: at least one series to forecast");
        }
        if (series.size() > properties.maxSeries()) {
            throw new ForecastLimitException("series", "a request may hold at most " + properties.maxSeries()
                    + " series but this one has " + series.size() + " (seqcast.forecast.max-series)");
        }
        Set<String> ids = new HashSet<>();
        List<Prepared> out = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            ForecastInput.SeriesInput s = series.get(i);
            String at = "series[" + i + "]";
            if (s == null) {
                throw new InvalidForecastRequestException(at, at + " is null; expected an object with id and values");
            }
            if (s.id() == null || s.id().isBlank()) {
                throw new InvalidForecastRequestException(at + ".id", at + ".id is required");
            }
            String id = s.id();
            if (!ids.add(id)) {
                throw new InvalidForecastRequestException(at + ".id", "series id '" + id + "' appears more than once");
            }
            double[] values = s.values();
            if (values == null || values.length == 0) {
                throw new InvalidForecastRequestException(at + ".values", "series '" + id + "' (" + at
                        + ") has no values");
            }
            if (values.length > properties.maxPoints()) {
                throw new ForecastLimitException(at + ".values", "series '" + id + "' (" + at + ") has " + values.length
                        + " values; at most " + properties.maxPoints() + " are accepted (seqcast.forecast.max-points)");
            }
            for (int j = 0; j < values.length; j++) {
                if (Double.isInfinite(values[j])) {
                    throw new InvalidForecastRequestException(at + ".values[" + j + "]", "series '" + id + "' (" + at
                            + "): value at index " + j + " is infinite; only finite numbers or null are accepted");
                }
            }
            try {
                gapFiller.fill(id, values);
            } catch (InvalidSeriesException e) {
                throw new InvalidForecastRequestException(at + ".values", e.getMessage());
            }
            List<String> timestamps = s.timestamps();
            TimeAxis axis = null;
            if (timestamps != null) {
                if (timestamps.size() != values.length) {
                    throw new InvalidForecastRequestException(at + ".timestamps", "series '" + id + "' (" + at + ") has "
                            + values.length + " values but " + timestamps.size() + " timestamps");
                }
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

    private static void requireFinite(Prediction p) {
        for (double v : p.mean()) {
            if (!Double.isFinite(v)) {
                throw new UnforecastableSeriesException(p.id(), "series '" + p.id() + "': the forecast is not a finite "
                        + "number; the values are probably too large (beyond about 1e30) to scale");
            }
        }
        for (Prediction.Interval interval : p.intervals()) {
            for (int k = 0; k < interval.lower().length; k++) {
                if (!Double.isFinite(interval.lower()[k]) || !Double.isFinite(interval.upper()[k])) {
                    throw new UnforecastableSeriesException(p.id(), "series '" + p.id() + "': the "
                            + format(interval.level()) + "% interval is not finite; the values are probably too large");
                }
            }
        }
    }

    /** {@code 80} for 80.0, {@code 97.5} for 97.5: the key of a level in the response. */
    public static String format(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level).toLowerCase(Locale.ROOT);
    }

    private static String quoted(List<String> ids) {
        List<String> shown = ids.size() > 5 ? ids.subList(0, 5) : ids;
        String text = "'" + String.join("', '", shown) + "'";
        return ids.size() > 5 ? text + " and " + (ids.size() - 5) + " more" : text;
    }
}
