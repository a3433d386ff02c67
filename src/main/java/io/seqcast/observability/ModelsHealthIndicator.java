package io.seqcast.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.seqcast.registry.ModelAdministration;
import io.seqcast.registry.RequiredModels;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Health contributor {@code models}, part of the readiness group: DOWN until every required model
 * ({@code seqcast.registry.required-models}) has a version loaded and serving, and DOWN again when a
 * required model's bare name cannot serve (its {@code production} version fails to load, or its
 * aliases cannot be read, with no last good version: the name answers 503). The same answer is the
 * {@code seqcast.models.ready} gauge (1 up, 0 down), which the "no model ready" alert watches.
 *
 * <p>Every model's alias faults are listed under {@code problems} (model to faults), also while a last
 * good version keeps it serving, and counted by the {@code seqcast.models.problems} gauge (models with
 * at least one fault).
 */
@Component
class ModelsHealthIndicator implements HealthIndicator, MeterBinder {

    private final ModelAdministration registry;
    private final RequiredModels required;

    ModelsHealthIndicator(ModelAdministration registry, RequiredModels required) {
        this.registry = registry;
        this.required = required;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("seqcast.models.ready", this, h -> Status.UP.equals(h.health().getStatus()) ? 1 : 0)
                .description("1 when every required model serves (the models readiness indicator is UP), else 0")
                .register(meters);
        Gauge.builder("seqcast.models.problems", registry,
                        r -> r.models().stream().filter(m -> !m.problems().isEmpty()).count())
                .description("Models with an alias fault: a version an alias points at cannot be served, or the "
                        + "aliases cannot be read (the models health indicator lists them)")
                .register(meters);
    }

    @Override
    public Health health() {
        List<ModelAdministration.ModelInfo> models = registry.models();
        List<String> missing = new ArrayList<>();
        List<String> serving = new ArrayList<>();
        for (String name : required.names()) {
            models.stream().filter(m -> m.name().equals(name) && m.serving() > 0).findFirst()
                    .ifPresentOrElse(m -> serving.add(m.name() + "@" + m.serving()), () -> missing.add(name));
        }
        Map<String, List<String>> problems = new TreeMap<>();
        models.stream().filter(m -> !m.problems().isEmpty()).forEach(m -> problems.put(m.name(), m.problems()));
        Health.Builder health = missing.isEmpty() ? Health.up() : Health.down().withDetail("missing", missing);
        if (!problems.isEmpty()) {
            health.withDetail("problems", problems);
        }
        return health.withDetail("serving", serving).build();
    }
}
