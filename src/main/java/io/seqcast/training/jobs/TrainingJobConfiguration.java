package io.seqcast.training.jobs;

import io.seqcast.registry.ModelRegistry;
import io.seqcast.tensor.ComputeContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@link TrainingJobService}. It is closed before the compute context it uses (it depends on
 * it), so running jobs are cancelled while their pool still exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainingJobProperties.class)
class TrainingJobConfiguration {

    @Bean(destroyMethod = "close")
    TrainingJobService trainingJobService(ComputeContext compute, ModelRegistry registry,
                                          TrainingJobProperties properties,
                                          ObjectProvider<TrainingJobListener> listeners) {
        return new TrainingJobService(compute, registry, properties,
                listeners.getIfUnique(() -> TrainingJobListener.NONE));
    }
}
