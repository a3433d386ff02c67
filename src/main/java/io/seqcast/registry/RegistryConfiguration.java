package io.seqcast.registry;

import io.micrometer.core.instrument.MeterRegistry;
import io.seqcast.tensor.ComputeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;


/** Wires the store chosen by {@code seqcast.registry.store}, the registry and its lifecycle. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RegistryConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "seqcast.registry.store", havingValue = "filesystem", matchIfMissing = true)
    ModelStore fileSystemModelStore(RegistryProperties properties) {
        FileSystemModelStore store = new FileSystemModelStore(properties.directory());
        log.info("Model store: {}", store.describe());
        return store;
    }

    @Bean
    DefaultModelRegistry modelRegistry(ModelStore store, ComputeContext compute, RegistryProperties properties,
                                       ObjectProvider<MeterRegistry> meters, ObjectProvider<RegistryListener> listeners) {
        List<RegistryListener> all = listeners.orderedStream().toList();
        RegistryListener listener = all.size() == 1 ? all.get(0) : new RegistryListener() {
            @Override
            public void loaded(String model, LoadOutcome outcome, Duration took) {
                all.forEach(l -> l.loaded(model, outcome, took));
            }

            @Override
            public void servingChanged(String model, int previous, int serving) {
                all.forEach(l -> l.servingChanged(model, previous, serving));
            }
        };
        return new DefaultModelRegistry(store, compute, properties.limits(), properties.warmupIterations(),
                properties.coldCacheBytes().toBytes(), meters.getIfAvailable(), listener);
    }

    /**
     * Where model uploads spool ({@code spring.servlet.multipart.location}, by default
     * {@code ${java.io.tmpdir}/seqcast-uploads}): made, and cleared of what a killed process left, before
     * the web server accepts a request. Unset: Tomcat's own per-start folder, which nobody cleans.
     */
    @Bean
    @ConditionalOnProperty(name = "spring.servlet.multipart.location")
    UploadTemporaries uploadTemporaries(@Value("${spring.servlet.multipart.location}") String location) {
        return new UploadTemporaries(Path.of(location).toAbsolutePath().normalize(), ProcessStart.instant());
    }

    @Bean
    RegistryLifecycle registryLifecycle(DefaultModelRegistry registry, RegistryProperties properties, ResourceLoader resources) {
        return new RegistryLifecycle(registry, properties, resources);
    }

    @Bean
    RequiredModels requiredModels(RegistryProperties properties, RegistryLifecycle lifecycle, ModelStore store) {
        return new RequiredModels(properties.requiredModels(), () -> lifecycle.defaultBundled()
                || !store.versions(RegistryLifecycle.DEFAULT_MODEL).isEmpty());
    }

}
