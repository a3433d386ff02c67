package io.seqcast.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.seqcast.tensor.ComputeContext;
import org.springframework.stereotype.Component;

/**
 * The tensor core in use: {@code seqcast.tensor.backend} gauge, 1, tagged with the kernels chosen at
 * start-up ({@code backend}: scalar, vector-256, ...), and {@code seqcast.tensor.threads} gauge, the
 * size of the shared compute pool.
 */
@Component
class TensorMetrics implements MeterBinder {

    private final ComputeContext compute;

    TensorMetrics(ComputeContext compute) {
        this.compute = compute;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("seqcast.tensor.backend", () -> 1)
                .description("The tensor kernels in use (always 1; the backend tag names them)")
                .tag("backend", compute.kernels().name()).register(meters);
        Gauge.builder("seqcast.tensor.threads", compute, ComputeContext::threads)
                .description("Threads of the shared compute pool").baseUnit("threads").register(meters);
    }
}
