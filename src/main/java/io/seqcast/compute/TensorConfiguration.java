package io.seqcast.compute;

import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.Kernels;
import io.seqcast.tensor.KernelsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the JVM's one {@link ComputeContext}: kernels chosen once at start-up, one compute pool. */
@Configuration(proxyBeanMethods = false)
class TensorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TensorConfiguration.class);

    @Bean(destroyMethod = "close")
    ComputeContext computeContext(TensorProperties properties) {
        Kernels kernels = KernelsProvider.select(properties.backend());
        String trainingBackend = trainingBackend(properties.trainingBackend());
        Kernels training = trainingBackend == null ? kernels : KernelsProvider.select(trainingBackend);
        ComputeContext context = new ComputeContext(kernels, training, properties.threads());
        log.info("Tensor core: {} kernels (training: {}), compute pool of {} threads", kernels.name(), training.name(),
                context.threads());
        return context;
    }

    /**
     * {@code auto} for training means the serving kernels (null here): two vector widths in one JVM
     * make C2 box the Vector API code it compiles after the second one has run (docs/benchmarks.md),
     * so training no longer takes 512-bit vectors of its own by default.
     */
    static String trainingBackend(String configured) {
        return "auto".equalsIgnoreCase(configured) ? null : configured;
    }
}
