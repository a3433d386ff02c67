package io.seqcast.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward passes equal PyTorch's: every fixture model, on every kernel backend, matches the head
 * output, the top layer's per-step outputs and the final states within 1e-5.
 */
class PytorchParityTest {

    private static final double TOLERANCE = 1e-5;

    static Stream<Arguments> fixturesAndBackends() {
        List<Arguments> cases = new ArrayList<>();
        for (String stem : PytorchFixture.stems()) {
            for (String backend : List.of("scalar", "vector-256", "vector-512")) {
                cases.add(Arguments.of(stem, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixturesAndBackends")
    void forwardMatchesPytorch(String stem, String backend) {
        PytorchFixture fixture = PytorchFixture.load(stem);
        Kernels kernels = KernelsProvider.select(backend);
        SeqToOneModel model = fixture.model();
        int batch = fixture.batch();
        int steps = fixture.steps();
        float[] input = fixture.tensor("input");
        float[] out = new float[batch * model.spec().horizon()];
        Activations act = new Activations();

        model.forward(kernels, act, false, input, 0, batch, steps, null, null, out, 0);

        assertClose(stem, backend, "output", fixture.tensor("output"), out);
        assertClose(stem, backend, "rnn_out", fixture.tensor("rnn_out"), act.topOutputsBatchFirst());
        assertClose(stem, backend, "h_n", fixture.tensor("h_n"), act.finalHidden());
        if (model.spec().cell().hasCellState()) {
            assertClose(stem, backend, "c_n", fixture.tensor("c_n"), act.finalCell());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixturesAndBackends")
    void batchedPredictionOnTheComputePoolMatchesPytorch(String stem, String backend) {
        PytorchFixture fixture = PytorchFixture.load(stem);
        SeqToOneModel model = fixture.model();
        float[] out = new float[fixture.batch() * model.spec().horizon()];
        try (ComputeContext ctx = new ComputeContext(KernelsProvider.select(backend), 2)) {
            model.predict(ctx, fixture.tensor("input"), fixture.batch(), fixture.steps(), out);
        }
        assertClose(stem, backend, "output (predict)", fixture.tensor("output"), out);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixturesAndBackends")
    void eachSeriesAloneGivesTheSameForecastAsInTheBatch(String stem, String backend) {
        PytorchFixture fixture = PytorchFixture.load(stem);
        Kernels kernels = KernelsProvider.select(backend);
        SeqToOneModel model = fixture.model();
        int steps = fixture.steps();
        int in = model.spec().inputSize();
        int horizon = model.spec().horizon();
        float[] input = fixture.tensor("input");
        float[] expected = fixture.tensor("output");
        Activations act = new Activations();
        for (int b = 0; b < fixture.batch(); b++) {
            float[] out = new float[horizon];
            model.forward(kernels, act, false, input, b * steps * in, 1, steps, null, null, out, 0);
            float[] want = java.util.Arrays.copyOfRange(expected, b * horizon, (b + 1) * horizon);
            assertClose(stem, backend, "output of series " + b + " alone", want, out);
        }
    }

    static void assertClose(String stem, String backend, String what, float[] expected, float[] actual) {
        double diff = PytorchFixture.maxAbsDiff(expected, actual);
        System.out.printf("%s %-10s %-28s max |diff| = %.3e%n", stem, backend, what, diff);
        if (!(diff <= TOLERANCE)) {
            StringBuilder first = new StringBuilder();
            for (int i = 0, shown = 0; i < expected.length && shown < 5; i++) {
                if (!(Math.abs(expected[i] - actual[i]) <= TOLERANCE)) {
                    first.append(String.format("%n  [%d] pytorch %.8f seqcast %.8f", i, expected[i], actual[i]));
                    shown++;
                }
            }
            throw new AssertionError(stem + " on " + backend + ": " + what + " differs from PyTorch by " + diff
                    + " (tolerance " + TOLERANCE + "); first differences:" + first);
        }
        assertThat(diff).isLessThanOrEqualTo(TOLERANCE);
    }
}
