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
        Kernels training = KernelsProvider.select(trainingBackend(properties.trainingBackend()));
        ComputeContext context = new ComputeContext(kernels, training, properties.threads());
        log.info("Tensor core: {} kernels (training: {}), compute pool of {} threads", kernels.name(), training.name(),
                context.threads());
        return context;
    }

    /**
     * {@code auto} for training means 512-bit vectors where the Vector API is present: a training epoch
     * ran 1.2x (GRU) to 1.6x (LSTM) faster with them than with 256-bit ones (docs/benchmarks.md),
     * while serving keeps the width that is steadiest at batch 1.
     */
    static String trainingBackend(String configured) {
        if (!"auto".equalsIgnoreCase(configured)) {
            return configured;
        }
        return KernelsProvider.vectorAvailable() ? "vector-512" : "scalar";
    }
}
