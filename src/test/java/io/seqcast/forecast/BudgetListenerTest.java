package io.seqcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.training.EpochReport;
import org.junit.jupiter.api.Test;

class BudgetListenerTest {

    private static final long MS = 1_000_000L;

    @Test
    void stopsTrainingInTimeForTheRefitAndThenAllowsIt() {
        // Reported epochs of 1 s (nothing actually waits), best epoch 20: the refit needs about
        // 20 x 1.5 x 1 s = 30 s; the half-second margins keep a slow test thread from mattering.
        long now = System.nanoTime();
        BudgetListener budget = new BudgetListener(now + 40_000 * MS);
        for (int epoch = 1; epoch <= 20; epoch++) {
            budget.onEpoch(new EpochReport(epoch, 1.0 / epoch, 1.0 / epoch, 1e-3f, 1_000 * MS));
        }
        // Next epoch (1 s), 5 s of scoring and the refit (30 s) still fit in the 40 s left: go on.
        assertThat(budget.stopRequested()).isFalse();
        BudgetListener tight = new BudgetListener(now + 35_500 * MS);
        for (int epoch = 1; epoch <= 20; epoch++) {
            tight.onEpoch(new EpochReport(epoch, 1.0 / epoch, 1.0 / epoch, 1e-3f, 1_000 * MS));
        }
        // 35.5 s left: no room for another epoch, the scoring and the refit (36 s), so training stops,
        // and the refit (30 s) is what the time was kept for.
        assertThat(tight.stopRequested()).isTrue();
        assertThat(tight.stopped()).isTrue();
        assertThat(tight.skipRefit(20)).isFalse();
        // A refit of 40 epochs (60 s) would overrun: skipped, the best weights are kept.
        assertThat(tight.skipRefit(40)).isTrue();
    }

    @Test
    void aPassedDeadlineSkipsTheRefit() {
        BudgetListener late = new BudgetListener(System.nanoTime() - MS);
        late.onEpoch(new EpochReport(1, 1, 1, 1e-3f, 10 * MS));
        assertThat(late.stopRequested()).isTrue();
        assertThat(late.skipRefit(1)).isTrue();
    }
}
