package io.seqcast.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.seqcast.training.EpochReport;
import io.seqcast.training.jobs.TrainingJobListener;
import io.seqcast.training.jobs.TrainingJobService;
import io.seqcast.training.jobs.TrainingJobState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Training meters:
 * <ul>
 *   <li>{@code seqcast.training.jobs} gauge (state queued|running|succeeded|failed|cancelled): jobs the
 *       service knows in each state (finished ones: those still in its bounded history);</li>
 *   <li>{@code seqcast.training.jobs.finished} counter (model, state): jobs that reached a final state;</li>
 *   <li>{@code seqcast.training.queue.depth} gauge: jobs waiting for a free slot;</li>
 *   <li>{@code seqcast.training.loss} and {@code seqcast.training.validation.loss} gauges (model): the
 *       latest epoch's mean training and validation loss of a running job, present only while a job of
 *       that model runs (with two jobs of one model at once, the latest epoch of either).</li>
 * </ul>
 * The state gauges read the service at scrape time; the rest come from {@link TrainingJobListener}
 * events. Model names are validated names of models being trained, so the tags stay bounded.
 */
@Component
class TrainingMetrics implements TrainingJobListener {

    private final MeterRegistry meters;
    private final ObjectProvider<TrainingJobService> service;
    private final Map<String, Loss> losses = new ConcurrentHashMap<>();

    /** The latest losses of one model's running job, read by its two gauges. */
    private static final class Loss {
        volatile double train = Double.NaN;
        volatile double validation = Double.NaN;
        List<Meter.Id> gauges = List.of();
    }

    // The service is looked up lazily: it takes this listener in its constructor.
    TrainingMetrics(MeterRegistry meters, ObjectProvider<TrainingJobService> service) {
        this.meters = meters;
        this.service = service;
        for (TrainingJobState state : TrainingJobState.values()) {
            Gauge.builder("seqcast.training.jobs", this, m -> m.count(state))
                    .description("Training jobs known to the service, by state (finished: those in the history)")
                    .tag("state", state.label()).register(meters);
        }
        Gauge.builder("seqcast.training.queue.depth", this, m -> m.service.getObject().queueDepth())
                .description("Training jobs waiting for a free slot").register(meters);
    }

    private double count(TrainingJobState state) {
        return service.getObject().countByState().get(state);
    }

    @Override
    public void epoch(String modelName, EpochReport report) {
        Loss loss = losses.computeIfAbsent(modelName, name -> {
            Loss created = new Loss();
            created.gauges = List.of(
                    Gauge.builder("seqcast.training.loss", created, l -> l.train)
                            .description("Mean training loss of the latest epoch of a running training job")
                            .tag("model", name).strongReference(true).register(meters).getId(),
                    Gauge.builder("seqcast.training.validation.loss", created, l -> l.validation)
                            .description("Validation loss of the latest epoch of a running training job (NaN without validation data)")
                            .tag("model", name).strongReference(true).register(meters).getId());
            return created;
        });
        loss.train = report.trainLoss();
        loss.validation = report.validationLoss();
    }

    @Override
    public void finished(String modelName, TrainingJobState state) {
        Counter.builder("seqcast.training.jobs.finished").description("Training jobs that reached a final state")
                .tag("model", modelName).tag("state", state.label()).register(meters).increment();
        Loss loss = losses.remove(modelName);
        if (loss != null) {
            loss.gauges.forEach(meters::remove);
        }
    }
}
