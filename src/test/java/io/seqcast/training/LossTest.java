package io.seqcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Losses against hand-computed values, and their gradients against central differences. */
class LossTest {

    private static final float[] PRED = {1f, -2f, 0.5f, 3f};
    private static final float[] TARGET = {0f, -1f, 0.5f, 5f};

    @Test
    void mseIsTheMeanSquaredError() {
        float[] g = new float[4];
        assertThat(new Loss.Mse().evaluate(PRED, 0, TARGET, 0, 4, g, 0)).isCloseTo((1 + 1 + 0 + 4) / 4.0, offset(1e-9));
        assertThat(g).containsExactly(0.5f, -0.5f, 0f, -1f);
    }

    @Test
    void maeIsTheMeanAbsoluteError() {
        float[] g = new float[4];
        assertThat(new Loss.Mae().evaluate(PRED, 0, TARGET, 0, 4, g, 0)).isCloseTo((1 + 1 + 0 + 2) / 4.0, offset(1e-9));
        assertThat(g).containsExactly(0.25f, -0.25f, 0f, -0.25f);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        float[] g = new float[4];
        // errors 1, -1, 0, -2 with delta 1: 0.5, 0.5, 0, 1*(2-0.5)=1.5
        assertThat(new Loss.Huber(1f).evaluate(PRED, 0, TARGET, 0, 4, g, 0)).isCloseTo(2.5 / 4, offset(1e-9));
        assertThat(g).containsExactly(0.25f, -0.25f, 0f, -0.25f);
    }

    @Test
    void pinballWeighsUnderAndOverPredictionByTheQuantile() {
        float[] g = new float[4];
        // q = 0.9; t - p = -1, 1, 0, 2 -> 0.1, 0.9, 0, 1.8
        assertThat(new Loss.Pinball(0.9f).evaluate(PRED, 0, TARGET, 0, 4, g, 0)).isCloseTo(2.8 / 4, offset(1e-6));
    }

    @Test
    void gradientsMatchCentralDifferences() {
        for (Loss loss : new Loss[] {new Loss.Mse(), new Loss.Mae(), new Loss.Huber(0.7f), new Loss.Pinball(0.2f)}) {
            float[] p = {0.3f, -1.2f, 2.1f};
            float[] t = {0.1f, -0.4f, 1.0f};
            float[] g = new float[3];
            loss.evaluate(p, 0, t, 0, 3, g, 0);
            for (int i = 0; i < 3; i++) {
                float h = 1e-3f;
                float[] up = p.clone();
                float[] down = p.clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (loss.evaluate(up, 0, t, 0, 3, new float[3], 0)
                        - loss.evaluate(down, 0, t, 0, 3, new float[3], 0)) / (2 * h);
                assertThat((double) g[i]).as("%s d/dp[%d]", loss.name(), i).isCloseTo(numeric, offset(1e-3));
            }
        }
    }

    @Test
    void parsesNamesAndRejectsNonsense() {
        assertThat(Loss.parse("MSE")).isEqualTo(new Loss.Mse());
        assertThat(Loss.parse("huber:0.5")).isEqualTo(new Loss.Huber(0.5f));
        assertThat(Loss.parse("pinball:0.9")).isEqualTo(new Loss.Pinball(0.9f));
        assertThatThrownBy(() -> Loss.parse("cross-entropy")).hasMessageContaining("unknown loss");
        assertThatThrownBy(() -> Loss.parse("pinball:1.5")).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> Loss.parse("huber:x")).hasMessageContaining("not a number");
    }
}
