package io.seqcast.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.tensor.ScalarKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused GRU/LSTM layer kernels ({@code Kernels.gruSequence/lstmSequence}, the inference path)
 * against the scalar reference: the per-step path (gemm or gemv, then the gate kernel) on
 * {@link ScalarKernels}, which the backward pass also runs. Awkward sizes so that every padding
 * lane, vector tail, 4-row tile and leftover row runs: hidden 1, 7, 8, 17, 64, 100; batch 1, 3, 256;
 * one and two layers; frozen (weights packed once) and mutable (packed per pass).
 */
class FusedRecurrentTest {

    /** Absolute, on outputs and states of magnitude up to a few units; float rounding and polynomial exp. */
    private static final double TOLERANCE = 2e-5;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : List.of("scalar", "vector-256", "vector-512")) {
            for (CellType cell : List.of(CellType.GRU, CellType.LSTM)) {
                for (int hidden : new int[] {1, 7, 8, 17, 64, 100}) {
                    for (int batch : new int[] {1, 3, 256}) {
                        cases.add(Arguments.of(backend, cell, hidden, batch));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} hidden {2} batch {3} on {0}")
    @MethodSource("cases")
    void fusedLayersMatchTheScalarStepByStepReference(String backend, CellType cell, int hidden, int batch) {
        Kernels kernels = KernelsProvider.select(backend);
        int layers = hidden <= 17 ? 2 : 1;
        int input = hidden == 7 ? 3 : 1;
        int steps = batch == 256 ? 4 : 9;
        SeqToOneModel model = randomModel(new ModelSpec(cell, input, hidden, layers, 5), 11L * hidden + batch);
        SplittableRandom random = new SplittableRandom(hidden * 31L + batch);
        float[] x = gaussian(random, batch * steps * input, 1.5);
        float[] h0 = gaussian(random, layers * batch * hidden, 0.5);
        float[] c0 = gaussian(random, layers * batch * hidden, 0.5);

        Activations reference = new Activations();
        float[] want = new float[batch * 5];
        // keepForBackward takes the step-by-step path: the reference.
        model.forward(ScalarKernels.INSTANCE, reference, true, x, 0, batch, steps, h0, c0, want, 0);

        Activations mutable = new Activations();
        float[] gotMutable = new float[batch * 5];
        model.forward(kernels, mutable, false, x, 0, batch, steps, h0, c0, gotMutable, 0);
        assertClose("mutable output", want, gotMutable);
        assertClose("mutable per-step outputs", reference.topOutputsBatchFirst(), mutable.topOutputsBatchFirst());
        assertClose("mutable h_n", reference.finalHidden(), mutable.finalHidden());
        if (cell.hasCellState()) {
            assertClose("mutable c_n", reference.finalCell(), mutable.finalCell());
        }

        model.freeze();
        Activations frozen = new Activations();
        float[] gotFrozen = new float[batch * 5];
        model.forward(kernels, frozen, false, x, 0, batch, steps, h0, c0, gotFrozen, 0);
        assertClose("frozen output", want, gotFrozen);
        assertClose("frozen h_n", reference.finalHidden(), frozen.finalHidden());
        // The same buffers again (now warm): nothing left over from the first pass changes the answer.
        model.forward(kernels, frozen, false, x, 0, batch, steps, h0, c0, gotFrozen, 0);
        assertClose("frozen output, second pass", want, gotFrozen);
    }

    private static SeqToOneModel randomModel(ModelSpec spec, long seed) {
        SeqToOneModel model = new SeqToOneModel(spec);
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = model.parameters();
        double scale = 1.5 / Math.sqrt(spec.hiddenSize());
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return model;
    }

    private static float[] gaussian(SplittableRandom random, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * scale);
        }
        return a;
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        if (!(worst <= TOLERANCE)) {
            throw new AssertionError(what + ": max |diff| " + worst + " at [" + at + "] (reference "
                    + expected[at] + ", fused " + actual[at] + "), tolerance " + TOLERANCE);
        }
    }
}
