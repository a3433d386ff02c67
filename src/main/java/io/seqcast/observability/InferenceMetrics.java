package io.seqcast.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.seqcast.registry.InferenceObserver;
import io.seqcast.registry.LoadedModel;
import io.seqcast.tensor.ComputeContext;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code seqcast.inference.duration} timer (model, cell, backend): wall time of one batch through the
 * tensor core ({@code SeqToOneModel.predict}), recorded by the forecast path through
 * {@link InferenceObserver} so that neither forecasting nor the tensor core know about meters.
 * The batch size is not a tag (unbounded); {@code seqcast.forecast.series} has it.
 */
@Component
class InferenceMetrics implements InferenceObserver {

    private final MeterRegistry meters;
    private final String backend;

    InferenceMetrics(MeterRegistry meters, ComputeContext compute) {
        this.meters = meters;
        this.backend = compute.kernels().name();
    }

    @Override
    public void observe(LoadedModel model, int series, Runnable inference) {
        Timer timer = Timer.builder("seqcast.inference.duration")
                .description("Tensor-core inference time per batch (SeqToOneModel.predict)")
                .tag("model", model.name()).tag("cell", model.manifest().architecture().cell())
                .tag("backend", backend)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
        timer.record(inference);
    }
}
