package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.TestModels;
import io.seqcast.tensor.ComputeContext;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TensorAndInferenceMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ComputeContext compute = TestModels.compute();

    @Test
    void theTensorInfoGaugeIsOneAndNamesTheKernels() {
        new TensorMetrics(compute).bindTo(meters);
        assertThat(meters.get("seqcast.tensor.info").tag("backend", compute.kernels().name()).gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("seqcast.tensor.threads").gauge().value()).isEqualTo(compute.threads());
    }

    /** Prometheus shows it as an info-style series: {@code seqcast_tensor_info{backend="..."} 1}. */
    @Test
    void prometheusScrapesTheTensorInfoAsAnInfoSeries() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new TensorMetrics(compute).bindTo(prometheus);
        assertThat(prometheus.scrape()).contains("seqcast_tensor_info{backend=\"" + compute.kernels().name() + "\"} 1");
    }

    @Test
    void anInferenceRunsOnceAndIsTimedByModelCellAndBackend() {
        LoadedModel model = new LoadedModel("sales", 1, TestModels.manifest(), null, Instant.now());
        AtomicBoolean ran = new AtomicBoolean();
        new InferenceMetrics(meters, compute).observe(model, 32, () -> ran.set(true));

        assertThat(ran).isTrue();
        assertThat(meters.get("seqcast.inference.duration").tag("model", "sales")
                .tag("cell", TestModels.manifest().architecture().cell())
                .tag("backend", compute.kernels().name()).timer().count()).isEqualTo(1);
    }
}
