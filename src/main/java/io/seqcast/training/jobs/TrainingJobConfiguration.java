package io.seqcast.training.jobs;

import io.seqcast.registry.ModelRegistry;
import io.seqcast.tensor.ComputeContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@link TrainingJobService}. Training stops at the very start of shutdown
 * ({@link TrainingShutdown}, the first lifecycle phase to stop), while the web server drains its
 * requests; the service is closed (it waits for its jobs) before the compute context it uses, as it
 * depends on it.
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

    @Bean
    TrainingShutdown trainingShutdown(TrainingJobService service) {
        return new TrainingShutdown(service);
    }

    /**
     * Cancels every training job when shutdown begins: the highest phase, so it stops before the web
     * server's graceful shutdown starts waiting for requests, and without blocking (the jobs end at their
     * next shard while requests drain; the service's {@code close} waits for them later).
     */
    static final class TrainingShutdown implements SmartLifecycle {

        private final TrainingJobService service;
        private volatile boolean running;

        TrainingShutdown(TrainingJobService service) {
            this.service = service;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            service.stop();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE;
        }
    }
}
