package io.seqcast.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.ScalarKernels;
import org.junit.jupiter.api.Test;

class TensorConfigurationTest {

    @Test
    void trainingTakesTheServingKernelsByDefaultAndAnExplicitChoiceOtherwise() {
        assertThat(TensorConfiguration.trainingBackend("auto")).isNull();
        assertThat(TensorConfiguration.trainingBackend("AUTO")).isNull();
        assertThat(TensorConfiguration.trainingBackend("vector-256")).isEqualTo("vector-256");
        assertThat(TensorConfiguration.trainingBackend("scalar")).isEqualTo("scalar");
    }

    @Test
    void aContextWithOneKernelsTrainsOnThemToo() {
        try (ComputeContext ctx = new ComputeContext(ScalarKernels.INSTANCE, 1)) {
            assertThat(ctx.trainingKernels()).isSameAs(ctx.kernels());
        }
    }
}
