package io.seqcast.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed recurrent weights ({@link RecurrentPacking}) never go stale: a mutable model changed
 * between passes predicts exactly what a fresh model with the new parameters predicts (same thread,
 * same reused activations), and a frozen model cannot be changed at all.
 */
class PackedWeightsTest {

    private static final int STEPS = 9;

    @ParameterizedTest
    @CsvSource({"GRU, scalar", "GRU, vector-256", "GRU, vector-512", "LSTM, vector-256", "RNN_TANH, vector-256"})
    void mutatedModelNeverUsesStalePackedWeights(String cell, String backend) {
        Kernels kernels = KernelsProvider.select(backend);
        ModelSpec spec = new ModelSpec(CellType.parse(cell), 2, 17, 2, 3);
        SplittableRandom rnd = new SplittableRandom(11);
        SeqToOneModel model = randomModel(spec, rnd);
        try (ComputeContext ctx = new ComputeContext(kernels, 1)) {
            for (int batch : new int[] {1, 5}) {
                float[] input = random(rnd, batch * STEPS * spec.inputSize());
                float[] before = predict(ctx, model, input, batch);
                // Change W_hh in place, as an optimizer step does; the same thread and workspace predict again.
                float[] p = model.parameters();
                int wHh = model.layout().weightHh(0);
                for (int i = 0; i < spec.gateRows() * spec.hiddenSize(); i++) {
                    p[wHh + i] += 0.25f * (float) (rnd.nextDouble() - 0.5);
                }
                float[] after = predict(ctx, model, input, batch);
                SeqToOneModel fresh = new SeqToOneModel(spec);
                System.arraycopy(p, 0, fresh.parameters(), 0, p.length);
                assertArrayEquals(predict(ctx, fresh, input, batch), after, "batch " + batch);
                assertFalse(Arrays.equals(before, after), "the change must be visible at batch " + batch);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"GRU, vector-256", "LSTM, vector-512", "LSTM, scalar"})
    void frozenModelIsReadOnlyAndPredictsLikeTheMutableOne(String cell, String backend) {
        ModelSpec spec = new ModelSpec(CellType.parse(cell), 1, 64, 1, 12);
        SplittableRandom rnd = new SplittableRandom(5);
        SeqToOneModel mutable = randomModel(spec, rnd);
        SeqToOneModel frozen = new SeqToOneModel(spec);
        System.arraycopy(mutable.parameters(), 0, frozen.parameters(), 0, mutable.layout().size());
        assertSame(frozen, frozen.freeze().freeze());
        assertTrue(frozen.frozen());
        assertThrows(IllegalStateException.class, frozen::parameters);
        assertArrayEquals(mutable.copyParameters(), frozen.copyParameters());
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select(backend), 2)) {
            for (int batch : new int[] {1, 3, 40}) {
                float[] input = random(rnd, batch * STEPS);
                assertArrayEquals(predict(ctx, mutable, input, batch), predict(ctx, frozen, input, batch),
                        "batch " + batch);
            }
        }
    }

    private static float[] predict(ComputeContext ctx, SeqToOneModel model, float[] input, int batch) {
        float[] out = new float[batch * model.spec().horizon()];
        model.predict(ctx, input, batch, STEPS, out);
        return out;
    }

    private static SeqToOneModel randomModel(ModelSpec spec, SplittableRandom rnd) {
        SeqToOneModel model = new SeqToOneModel(spec);
        float[] p = model.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (rnd.nextDouble() - 0.5) * 0.5f;
        }
        return model;
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
