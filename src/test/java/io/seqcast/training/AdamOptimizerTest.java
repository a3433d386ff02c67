package io.seqcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Adam and AdamW against values computed by hand from PyTorch's update rule
 * ({@code torch.optim.Adam/AdamW}, default betas and epsilon).
 */
class AdamOptimizerTest {

    @Test
    void firstAdamStepMovesEveryWeightByTheLearningRateAgainstTheGradientSign() {
        // After one step m^ = g and v^ = g^2, so the update is lr * g / (|g| + eps) ~ lr * sign(g).
        float[] p = {1f, -2f, 0.5f};
        float[] g = {0.3f, -4f, 1e-3f};
        AdamOptimizer.adam(3).step(p, g, 0.1f);
        assertThat(p[0]).isCloseTo(0.9f, offset(1e-6f));
        assertThat(p[1]).isCloseTo(-1.9f, offset(1e-6f));
        assertThat(p[2]).isCloseTo(0.4f, offset(1e-5f));
    }

    @Test
    void secondStepFollowsTheBiasCorrectedMoments() {
        float[] p = {1f};
        AdamOptimizer adam = AdamOptimizer.adam(1);
        adam.step(p, new float[] {1f}, 0.01f);
        adam.step(p, new float[] {0.5f}, 0.01f);
        double m = 0.9 * 0.1 * 1 + 0.1 * 0.5;            // 0.14
        double v = 0.999 * 0.001 * 1 + 0.001 * 0.25;     // 0.001249
        double mHat = m / (1 - 0.81);
        double vHat = v / (1 - 0.998001);
        double expected = 0.99 - 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
        assertThat((double) p[0]).isCloseTo(expected, offset(1e-6));
        assertThat(adam.steps()).isEqualTo(2);
    }

    @Test
    void adamWDecaysWeightsIndependentlyOfTheGradient() {
        float[] p = {2f};
        AdamOptimizer.adamW(1, 0.1f).step(p, new float[] {0f}, 0.5f);
        // zero gradient: only the decoupled decay acts, p * (1 - lr * wd)
        assertThat(p[0]).isCloseTo(2f * (1 - 0.05f), offset(1e-6f));
    }

    @Test
    void clippingScalesToTheGlobalNorm() {
        float[] g = {3f, 4f};
        double norm = AdamOptimizer.clipGlobalNorm(g, 2, 1.0);
        assertThat(norm).isCloseTo(5.0, offset(1e-9));
        assertThat(Math.hypot(g[0], g[1])).isCloseTo(1.0, offset(1e-5));
        float[] small = {0.3f, 0.4f};
        AdamOptimizer.clipGlobalNorm(small, 2, 1.0);
        assertThat(small).containsExactly(0.3f, 0.4f);
    }

    @Test
    void scheduleWarmsUpThenDecaysByCosine() {
        LearningRateSchedule s = new LearningRateSchedule(1f, 10, 110, 0.1f);
        assertThat(s.rate(0)).isCloseTo(0.1f, offset(1e-6f));
        assertThat(s.rate(9)).isCloseTo(1f, offset(1e-6f));
        assertThat(s.rate(60)).isCloseTo(0.55f, offset(1e-5f));
        assertThat(s.rate(110)).isCloseTo(0.1f, offset(1e-6f));
        assertThat(s.rate(500)).isCloseTo(0.1f, offset(1e-6f));
        assertThat(LearningRateSchedule.constant(0.01f).rate(1000)).isEqualTo(0.01f);
    }
}
