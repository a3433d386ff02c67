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
        ComputeContext context = new ComputeContext(kernels, properties.threads());
        log.info("Tensor core: {} kernels, compute pool of {} threads", kernels.name(), context.threads());
        return context;
    }
}
