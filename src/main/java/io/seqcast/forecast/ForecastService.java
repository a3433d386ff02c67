package io.seqcast.forecast;

import io.seqcast.registry.InferenceObserver;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.series.TimeAxis;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.training.ModelFitter;
import io.seqcast.training.Prediction;
import io.seqcast.training.RollingOriginSelector;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    private final RequestValidation validation;
    private final RollingOriginSelector selector;
    private final AutoForecaster auto;
    private final InferenceObserver inference;

    public ForecastService(ModelRegistry registry, ComputeContext compute, ForecastProperties properties,
                           InferenceObserver inference) {
        this.registry = registry;
        this.inference = inference;
        this.properties = properties;
        this.validation = new RequestValidation(properties, gapFiller);
        this.selector = properties.selection().selector(compute, gapFiller);
        this.auto = new AutoForecaster(new ModelFitter(compute, gapFiller), registry, properties.auto());
    }

    public ForecastProperties properties() {
        return properties;
    }

    public ForecastResult forecast(ForecastInput input) {
        long start = System.nanoTime();
        int horizon = validation.horizon(input.horizon());
        List<Double> levels = validation.levels(input.levels());
        validation.seriesCount(input.series());
        validation.answerSize(input.series().size(), horizon, levels.size(), 1);
        RollingOriginSelector.Policy policy = validation.selection(input.selection());
        Frequency frequency = RequestValidation.frequency(input.frequency());
        List<RequestValidation.Prepared> prepared = validation.series(input.series(), frequency);
        List<SeriesData> data = prepared.stream().map(RequestValidation.Prepared::data).toList();
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

        validation.checkModel(model, horizon, data, false, warnings);

        LoadedModel served = model;
        List<List<Prediction>> result = new ArrayList<>(1);
        // One batched pass for every series of the request and every rolling origin that checks it,
        // timed per model, cell and backend.
        inference.observe(served, data.size(), () -> result.add(selector.predict(served.model(), served.manifest(),
                data, horizon, levels, frequency, policy)));
        List<Prediction> predictions = result.get(0);

        List<ForecastResult.SeriesForecast> forecasts = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            requireFinite(p);
            TimeAxis axis = prepared.get(i).axis();
            forecasts.add(new ForecastResult.SeriesForecast(p.id(), axis == null ? null : axis.frequency().code(),
                    axis == null ? null : axis.next(horizon), p.mean(), p.intervals(), p.extendedFrom(),
                    p.paddedSteps(), p.selection()));
        }
        return new ForecastResult(new ForecastResult.ServedBy(model.name(), model.version(), ephemeral), forecasts,
                warnings, autoFit);
    }

    static void requireFinite(Prediction p) {
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

    static String quoted(List<String> ids) {
        List<String> shown = ids.size() > 5 ? ids.subList(0, 5) : ids;
        String text = "'" + String.join("', '", shown) + "'";
        return ids.size() > 5 ? text + " and " + (ids.size() - 5) + " more" : text;
    }
}
