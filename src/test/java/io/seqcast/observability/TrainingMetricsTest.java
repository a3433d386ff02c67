package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.training.EpochReport;
import io.seqcast.training.jobs.TrainingJobService;
import io.seqcast.training.jobs.TrainingJobState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class TrainingMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TrainingMetrics metrics = new TrainingMetrics(meters,
            new StaticListableBeanFactory().getBeanProvider(TrainingJobService.class));

    @Test
    void lossGaugesFollowTheLatestEpochWhileTheJobRunsAndGoAwayWhenItEnds() {
        metrics.epoch("sales", new EpochReport(1, 0.9, 1.1, 1e-3f, 1_000));
        metrics.epoch("sales", new EpochReport(2, 0.5, 0.7, 1e-3f, 1_000));

        assertThat(meters.get("seqcast.training.loss").tag("model", "sales").gauge().value()).isEqualTo(0.5);
        assertThat(meters.get("seqcast.training.validation.loss").tag("model", "sales").gauge().value()).isEqualTo(0.7);

        metrics.finished("sales", TrainingJobState.SUCCEEDED);

        assertThat(meters.find("seqcast.training.loss").gauges()).isEmpty();
        assertThat(meters.find("seqcast.training.validation.loss").gauges()).isEmpty();
        assertThat(meters.get("seqcast.training.jobs.finished").tag("model", "sales").tag("state", "succeeded")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void thereIsOneJobsGaugePerState() {
        assertThat(meters.find("seqcast.training.jobs").gauges()).extracting(g -> g.getId().getTag("state"))
                .containsExactlyInAnyOrder("queued", "running", "succeeded", "failed", "cancelled");
        assertThat(meters.find("seqcast.training.queue.depth").gauge()).isNotNull();
    }
}
