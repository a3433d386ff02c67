package io.seqcast.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.seqcast.registry.RegistryListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registry meters fed by the registry's {@link RegistryListener} events:
 * <ul>
 *   <li>{@code seqcast.registry.loads} counter (model, outcome ok|rejected|error): versions loaded;</li>
 *   <li>{@code seqcast.registry.load.duration} timer (model, outcome): parse, validate and warm up;</li>
 *   <li>{@code seqcast.model.serving.version} gauge (model): the version a bare name resolves to; removed
 *       when the model is gone.</li>
 * </ul>
 * The registry itself counts {@code seqcast.registry.swaps} and {@code seqcast.registry.rejections}.
 * Model names come from the registry (stored models only), so the tags stay bounded.
 */
@Component
class RegistryMetrics implements RegistryListener {

    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> serving = new ConcurrentHashMap<>();
    private final Map<String, Meter.Id> servingGauges = new ConcurrentHashMap<>();

    RegistryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void loaded(String model, LoadOutcome outcome, Duration took) {
        Counter.builder("seqcast.registry.loads").description("Model versions loaded (parsed, validated, warmed up), by outcome")
                .tag("model", model).tag("outcome", outcome.label()).register(meters).increment();
        Timer.builder("seqcast.registry.load.duration").description("Time to load, validate and warm up a model version")
                .tag("model", model).tag("outcome", outcome.label())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters).record(took);
    }

    @Override
    public void servingChanged(String model, int previous, int version) {
        if (version <= 0) {
            serving.remove(model);
            Meter.Id id = servingGauges.remove(model);
            if (id != null) {
                meters.remove(id);
            }
            return;
        }
        serving.computeIfAbsent(model, name -> {
            AtomicInteger holder = new AtomicInteger();
            Gauge gauge = Gauge.builder("seqcast.model.serving.version", holder, AtomicInteger::get)
                    .description("The version a bare model name resolves to (production alias, else the latest)")
                    .tag("model", name).strongReference(true).register(meters);
            servingGauges.put(name, gauge.getId());
            return holder;
        }).set(version);
    }
}
