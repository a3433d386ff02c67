package io.seqcast.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.tensor.KernelsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks on small random models over several steps: (1) the double-precision reference's
 * analytic gradients equal central differences to a relative error of 1e-6 (absolute floor 1e-9);
 * (2) the product's float backward pass, on every backend, equals that reference to float rounding.
 * The loss is a random projection of the outputs, so every output and parameter matters.
 */
class GradientCheckTest {

    private static final int BATCH = 2;
    private static final int STEPS = 6;

    static Stream<Arguments> models() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 100;
        for (CellType cell : CellType.values()) {
            cases.add(Arguments.of(new ModelSpec(cell, 2, 5, 1, 3), seed++));
            cases.add(Arguments.of(new ModelSpec(cell, 3, 4, 2, 2), seed++));
        }
        return cases.stream();
    }

    private static double[] random(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (r.nextDouble() * 2 - 1) * scale;
        }
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void referenceGradientsEqualCentralDifferences(ModelSpec spec, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DoubleReferenceModel ref = new DoubleReferenceModel(spec, random(r, new ParameterLayout(spec).size(), 0.6));
        double[] x = random(r, BATCH * STEPS * spec.inputSize(), 1.0);
        double[] proj = random(r, BATCH * spec.horizon(), 1.0);
        double[] grads = new double[ref.p.length];
        double[] dInput = new double[x.length];
        ref.lossAndGradients(x, BATCH, STEPS, proj, grads, dInput);

        double worst = 0;
        double worstAbs = 0;
        double eps = 1e-5;
        for (int i = 0; i < ref.p.length; i++) {
            double saved = ref.p[i];
            ref.p[i] = saved + eps;
            double up = ref.loss(x, BATCH, STEPS, proj);
            ref.p[i] = saved - eps;
            double down = ref.loss(x, BATCH, STEPS, proj);
            ref.p[i] = saved;
            double numeric = (up - down) / (2 * eps);
            worst = Math.max(worst, relativeError(grads[i], numeric));
            worstAbs = Math.max(worstAbs, Math.abs(grads[i] - numeric));
        }
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + eps;
            double up = ref.loss(x, BATCH, STEPS, proj);
            x[i] = saved - eps;
            double down = ref.loss(x, BATCH, STEPS, proj);
            x[i] = saved;
            double numeric = (up - down) / (2 * eps);
            worst = Math.max(worst, relativeError(dInput[i], numeric));
            worstAbs = Math.max(worstAbs, Math.abs(dInput[i] - numeric));
        }
        System.out.printf("%s: vs central differences worst relative error %.3e (floor %.0e), worst absolute %.3e%n",
                spec, worst, ABSOLUTE_FLOOR, worstAbs);
        assertThat(worst).isLessThanOrEqualTo(1e-6);
    }

    /** Below this absolute difference two gradients agree, whatever their ratio (finite-difference noise). */
    private static final double ABSOLUTE_FLOOR = 1e-9;

    /**
     * {@code |a - n| / (|a| + |n|)}, or 0 where the difference is under the absolute floor: a
     * gradient of 1e-8 that central differences give as 1e-8 + 1e-11 agrees to float64 noise.
     */
    private static double relativeError(double analytic, double numeric) {
        double diff = Math.abs(analytic - numeric);
        return diff <= ABSOLUTE_FLOOR ? 0 : diff / (Math.abs(analytic) + Math.abs(numeric));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void floatBackwardEqualsTheReferenceOnEveryBackend(ModelSpec spec, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] params = random(r, new ParameterLayout(spec).size(), 0.6);
        double[] x = random(r, BATCH * STEPS * spec.inputSize(), 1.0);
        double[] proj = random(r, BATCH * spec.horizon(), 1.0);
        // Round the reference's inputs to float so both see exactly the same numbers.
        for (double[] a : new double[][] {params, x, proj}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) a[i];
            }
        }
        DoubleReferenceModel ref = new DoubleReferenceModel(spec, params);
        double[] grads = new double[params.length];
        double[] dInput = new double[x.length];
        ref.lossAndGradients(x, BATCH, STEPS, proj, grads, dInput);

        for (String backend : List.of("scalar", "vector-256", "vector-512")) {
            SeqToOneModel model = new SeqToOneModel(spec);
            for (int i = 0; i < params.length; i++) {
                model.parameters()[i] = (float) params[i];
            }
            float[] xf = toFloat(x);
            float[] out = new float[BATCH * spec.horizon()];
            Activations act = new Activations();
            var kernels = KernelsProvider.select(backend);
            model.forward(kernels, act, true, xf, 0, BATCH, STEPS, null, null, out, 0);
            float[] fGrads = new float[params.length];
            float[] fInput = new float[x.length];
            model.backward(kernels, act, toFloat(proj), 0, fGrads, fInput, 0);
            assertClose(spec + " " + backend + " parameters", grads, fGrads);
            assertClose(spec + " " + backend + " input", dInput, fInput);
        }
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static void assertClose(String what, double[] expected, float[] actual) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            double allowed = 2e-5 * (1 + Math.abs(expected[i]));
            if (!(diff <= allowed) && at < 0) {
                at = i;
            }
            worst = Math.max(worst, diff);
        }
        System.out.printf("%s: max |float - double| = %.3e%n", what, worst);
        if (at >= 0) {
            throw new AssertionError(what + ": gradient [" + at + "] float " + actual[at] + " vs double " + expected[at]
                    + " (max diff " + worst + ")");
        }
    }
}
