package io.seqcast.training;

import io.seqcast.series.Windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {

    /** Windows of a noisy sine (period 12): enough signal that a small model must learn it. */
    static Windows sineWindows(int count, int steps, int horizon, int phase, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] in = new float[count * steps];
        float[] out = new float[count * horizon];
        for (int w = 0; w < count; w++) {
            int start = phase + w;
            for (int t = 0; t < steps; t++) {
                in[w * steps + t] = (float) (Math.sin(2 * Math.PI * (start + t) / 12.0) + 0.05 * random.nextGaussian());
            }
            for (int k = 0; k < horizon; k++) {
                out[w * horizon + k] = (float) Math.sin(2 * Math.PI * (start + steps + k) / 12.0);
            }
        }
        return new Windows(in, out, count, steps, 1, horizon);
    }

    static SeqToOneModel model(CellType cell, long seed) {
        SeqToOneModel model = new SeqToOneModel(new ModelSpec(cell, 1, 16, 1, 4));
        Initializer.pytorchDefault(model, seed);
        return model;
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void learnsASineWellBeyondPredictingItsMean(CellType cell) {
        Windows train = sineWindows(200, 24, 4, 0, 1);
        Windows validation = sineWindows(40, 24, 4, 300, 2);
        SeqToOneModel model = model(cell, 7);
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("auto"), 2)) {
            Trainer trainer = new Trainer(ctx);
            double before = trainer.evaluate(model, validation, new Loss.Mse());
            TrainingOptions options = new TrainingOptions(40, 32, 1e-2f, 0, 0.1f, 0f, 1f, 10, 3, new Loss.Mse());
            TrainingResult result = trainer.fit(model, train, validation, options, TrainingListener.NONE);
            double after = trainer.evaluate(model, validation, new Loss.Mse());
            // The sine's variance is 0.5: predicting the mean scores about 0.5.
            assertThat(after).as("%s validation MSE before %.4f after %.4f", cell, before, after).isLessThan(0.05);
            assertThat(after).isEqualTo(result.bestValidationLoss(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    /**
     * Finding 5: a cancel was checked only between mini-batches, so a large mini-batch ran to its end (and
     * its Adam step was taken) first. Now it is checked before every shard: a cancel that arrives after the
     * first poll stops inside the first mini-batch, before any step changes the weights.
     */
    @Test
    void aCancelStopsInsideTheMiniBatchBeforeAnyStep() {
        Windows train = sineWindows(128, 16, 4, 0, 1); // one mini-batch of 128 windows: 8 shards
        SeqToOneModel model = model(CellType.GRU, 5);
        float[] initial = model.parameters().clone();
        int[] polls = new int[1];
        TrainingListener cancelAfterFirstPoll = new TrainingListener() {
            @Override
            public synchronized boolean cancelled() {
                return ++polls[0] >= 2;
            }
        };
        TrainingOptions options = new TrainingOptions(1, 128, 1e-2f, 0, 0.1f, 0f, 1f, 0, 3, new Loss.Mse());
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("auto"), 2)) {
            assertThatThrownBy(() -> new Trainer(ctx).fit(model, train, sineWindows(0, 16, 4, 0, 0), options,
                    cancelAfterFirstPoll)).isInstanceOf(TrainingCancelledException.class);
        }
        assertThat(model.parameters()).as("no optimiser step before the cancel").containsExactly(initial);
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsWhateverTheThreadCount() {
        Windows train = sineWindows(100, 16, 4, 0, 1);
        TrainingOptions options = new TrainingOptions(3, 64, 1e-2f, 2, 0.5f, 1e-4f, 1f, 0, 11, new Loss.Huber(1f));
        float[][] results = new float[3][];
        int[] threads = {1, 2, 3};
        for (int i = 0; i < threads.length; i++) {
            SeqToOneModel model = model(CellType.GRU, 5);
            try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("auto"), threads[i])) {
                new Trainer(ctx).fit(model, train, sineWindows(0, 16, 4, 0, 0), options, TrainingListener.NONE);
            }
            results[i] = model.parameters();
        }
        assertThat(results[1]).containsExactly(results[0]);
        assertThat(results[2]).containsExactly(results[0]);
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        Windows train = sineWindows(60, 16, 4, 0, 1);
        Windows validation = sineWindows(20, 16, 4, 200, 2);
        SeqToOneModel model = model(CellType.LSTM, 9);
        // A high learning rate makes validation loss bounce, so patience triggers.
        TrainingOptions options = new TrainingOptions(60, 16, 5e-2f, 0, 1f, 0f, 0f, 3, 4, new Loss.Mse());
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("auto"), 2)) {
            Trainer trainer = new Trainer(ctx);
            TrainingResult result = trainer.fit(model, train, validation, options, TrainingListener.NONE);
            double best = result.epochs().stream().mapToDouble(EpochReport::validationLoss).min().orElseThrow();
            assertThat(result.bestValidationLoss()).isEqualTo(best);
            assertThat(trainer.evaluate(model, validation, new Loss.Mse())).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
            if (result.stoppedEarly()) {
                assertThat(result.epochs()).hasSizeLessThan(60);
                assertThat(result.epochs().size() - result.bestEpoch()).isEqualTo(3);
            }
        }
    }

    @Test
    void cancellationStopsBetweenSteps() {
        Windows train = sineWindows(100, 16, 4, 0, 1);
        AtomicInteger polls = new AtomicInteger();
        TrainingListener cancelAfterFive = new TrainingListener() {
            @Override
            public boolean cancelled() {
                return polls.incrementAndGet() > 5;
            }
        };
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("scalar"), 1)) {
            assertThatThrownBy(() -> new Trainer(ctx).fit(model(CellType.GRU, 1), train, sineWindows(0, 16, 4, 0, 0),
                    TrainingOptions.defaults(100, 1), cancelAfterFive))
                    .isInstanceOf(TrainingCancelledException.class);
        }
        assertThat(polls.get()).isEqualTo(6);
    }

    @Test
    void aRequestedStopEndsTheRunGracefullyWithTheBestWeights() {
        Windows train = sineWindows(100, 16, 4, 0, 1);
        Windows validation = sineWindows(20, 16, 4, 200, 2);
        AtomicInteger epochs = new AtomicInteger();
        TrainingListener stopAfterThree = new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
                epochs.incrementAndGet();
            }

            @Override
            public boolean stopRequested() {
                return epochs.get() >= 3;
            }
        };
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("scalar"), 1)) {
            SeqToOneModel model = model(CellType.GRU, 1);
            Trainer trainer = new Trainer(ctx);
            TrainingResult result = trainer.fit(model, train, validation, TrainingOptions.defaults(100, 1), stopAfterThree);
            assertThat(result.epochs()).hasSize(3);
            assertThat(result.stoppedEarly()).isTrue();
            assertThat(trainer.evaluate(model, validation, new Loss.Mse()))
                    .isEqualTo(result.bestValidationLoss(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void windowsOfTheWrongShapeAreRefused() {
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select("scalar"), 1)) {
            Windows twoFeatures = new Windows(new float[2 * 16 * 2], new float[2 * 4], 2, 16, 2, 4);
            assertThatThrownBy(() -> new Trainer(ctx).fit(model(CellType.GRU, 1), twoFeatures, twoFeatures,
                    TrainingOptions.defaults(1, 1), TrainingListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 features");
        }
    }
}
