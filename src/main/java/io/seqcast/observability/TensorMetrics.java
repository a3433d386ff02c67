package io.seqcast.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.seqcast.tensor.ComputeContext;
import org.springframework.stereotype.Component;

/**
 * The tensor core in use: {@code seqcast.tensor.info}, an info-style gauge that is always 1 and names
 * the kernels chosen at start-up in its {@code backend} tag (scalar, vector-256, ...; Prometheus:
 * {@code seqcast_tensor_info{backend="vector-256"} 1}, joined onto other series with {@code * on (instance)
 * group_left (backend)}), and {@code seqcast.tensor.threads} gauge, the size of the shared compute pool.
 */
@Component
class TensorMetrics implements MeterBinder {

    private final ComputeContext compute;

    TensorMetrics(ComputeContext compute) {
        this.compute = compute;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("seqcast.tensor.info", () -> 1)
                .description("The tensor kernels in use: always 1, the backend tag names them")
                .tag("backend", compute.kernels().name()).register(meters);
        Gauge.builder("seqcast.tensor.threads", compute, ComputeContext::threads)
                .description("Threads of the shared compute pool").baseUnit("threads").register(meters);
    }
}
