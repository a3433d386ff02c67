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

/**
 * Health contributor {@code models}, part of the readiness group: DOWN until every required model
 * ({@code seqcast.registry.required-models}) has a version loaded and serving. The same answer is the
 * {@code seqcast.models.ready} gauge (1 up, 0 down), which the "no model ready" alert watches.
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
    }

    @Override
    public Health health() {
        List<String> missing = new ArrayList<>();
        List<String> serving = new ArrayList<>();
        for (String name : required.names()) {
            registry.models().stream().filter(m -> m.name().equals(name) && m.serving() > 0).findFirst()
                    .ifPresentOrElse(m -> serving.add(m.name() + "@" + m.serving()), () -> missing.add(name));
        }
        Health.Builder health = missing.isEmpty() ? Health.up() : Health.down().withDetail("missing", missing);
        return health.withDetail("serving", serving).build();
    }
}
