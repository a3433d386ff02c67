package io.seqcast.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.tensor.ScalarKernels;
import org.junit.jupiter.api.Test;

class TensorConfigurationTest {

    @Test
    void trainingTakes512BitKernelsByDefaultAndAnExplicitChoiceOtherwise() {
        assertThat(KernelsProvider.vectorAvailable()).as("the tests run with the Vector API module").isTrue();
        assertThat(TensorConfiguration.trainingBackend("auto")).isEqualTo("vector-512");
        assertThat(TensorConfiguration.trainingBackend("AUTO")).isEqualTo("vector-512");
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
