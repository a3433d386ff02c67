package io.seqcast.nn;

import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation through time equals PyTorch's autograd: for every fixture model and backend, the
 * MSE loss and the gradient of every parameter match the fixture's {@code loss} and {@code grads}
 * within 1e-5 absolute or 1e-4 relative.
 */
class PytorchGradientParityTest {

    static Stream<Arguments> fixturesAndBackends() {
        return PytorchParityTest.fixturesAndBackends();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixturesAndBackends")
    void gradientsMatchPytorch(String stem, String backend) {
        PytorchFixture fixture = PytorchFixture.load(stem);
        Kernels kernels = KernelsProvider.select(backend);
        SeqToOneModel model = fixture.model();
        int batch = fixture.batch();
        int steps = fixture.steps();
        int horizon = model.spec().horizon();
        float[] target = fixture.tensor("target");
        float[] out = new float[batch * horizon];
        Activations act = new Activations();
        model.forward(kernels, act, true, fixture.tensor("input"), 0, batch, steps, null, null, out, 0);

        // nn.MSELoss(reduction="mean"): loss = mean (y - t)^2, d loss / d y = 2 (y - t) / n.
        int n = out.length;
        double loss = 0;
        float[] dOut = new float[n];
        for (int i = 0; i < n; i++) {
            float e = out[i] - target[i];
            loss += (double) e * e;
            dOut[i] = 2f * e / n;
        }
        loss /= n;
        double lossDiff = Math.abs(loss - fixture.loss());
        System.out.printf("%s %-10s loss %.8f pytorch %.8f |diff| = %.3e%n", stem, backend, loss, fixture.loss(), lossDiff);
        if (lossDiff > 1e-5) {
            throw new AssertionError(stem + " on " + backend + ": loss " + loss + " but PyTorch " + fixture.loss());
        }

        float[] grads = new float[model.layout().size()];
        model.backward(kernels, act, dOut, 0, grads, null, 0);

        List<String> failures = new ArrayList<>();
        for (ParameterTensor p : model.layout().tensors()) {
            float[] expected = fixture.grad(p.name());
            double maxAbs = 0;
            double maxRel = 0;
            int worst = -1;
            for (int i = 0; i < expected.length; i++) {
                double a = grads[p.offset() + i];
                double e = expected[i];
                double abs = Math.abs(a - e);
                double rel = abs / Math.max(Math.abs(e), 1e-30);
                if (!(abs <= 1e-5 || rel <= 1e-4)) {
                    worst = worst < 0 ? i : worst;
                }
                maxAbs = Math.max(maxAbs, Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs);
                maxRel = Math.max(maxRel, abs <= 1e-5 ? 0 : rel);
            }
            System.out.printf("%s %-10s grad %-18s max |diff| = %.3e%n", stem, backend, p.name(), maxAbs);
            if (worst >= 0) {
                failures.add(String.format("%s[%d]: seqcast %.8g pytorch %.8g (max abs diff %.3e)",
                        p.name(), worst, grads[p.offset() + worst], expected[worst], maxAbs));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(stem + " on " + backend + ": gradients differ from PyTorch:\n  "
                    + String.join("\n  ", failures));
        }
    }
}
