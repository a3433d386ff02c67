package io.seqcast.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Starts the registry before the web server: seeds the bundled default model into an empty store,
 * loads every model, then re-reads the store every poll interval and whenever the store signals a
 * change (PostgreSQL NOTIFY), on one daemon thread.
 */
final class RegistryLifecycle implements SmartLifecycle {

    static final String DEFAULT_MODEL = "default";
    static final String BUNDLED_DEFAULT = "classpath:models/default/1/";
    private static final Logger log = LoggerFactory.getLogger(RegistryLifecycle.class);

    private final DefaultModelRegistry registry;
    private final RegistryProperties properties;
    private final ResourceLoader resources;
    private volatile ScheduledExecutorService poller;

    RegistryLifecycle(DefaultModelRegistry registry, RegistryProperties properties, ResourceLoader resources) {
        this.registry = registry;
        this.properties = properties;
        this.resources = resources;
    }

    @Override
    public void start() {
        if (properties.seedDefault()) {
            seedDefault();
        }
        registry.refresh();
        log.info("Model registry on the {} store: {} model(s), polled every {}", registry.store().describe(),
                registry.models().size(), properties.pollInterval());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqcast-registry-poller");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(10, properties.pollInterval().toMillis());
        executor.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
        registry.store().onChange(name -> executor.execute(() -> {
            try {
                if (name == null) {
                    registry.refresh();
                } else {
                    registry.refresh(name);
                }
            } catch (RuntimeException e) {
                log.warn("Refresh after a store notification failed: {}", e.toString());
            }
        }));
        poller = executor;
    }

    private void refreshQuietly() {
        try {
            registry.refresh();
        } catch (RuntimeException e) {
            log.warn("Polling the {} store failed: {}", registry.store().describe(), e.toString());
        }
    }

    /** Whether a default model is bundled in the application. */
    boolean defaultBundled() {
        return resources.getResource(BUNDLED_DEFAULT + FileSystemModelStore.WEIGHTS_FILE).exists()
                && resources.getResource(BUNDLED_DEFAULT + FileSystemModelStore.MANIFEST_FILE).exists();
    }

    private void seedDefault() {
        if (!defaultBundled()) {
            log.info("No bundled default model (classpath:models/default/1); nothing to seed");
            return;
        }
        if (!registry.store().versions(DEFAULT_MODEL).isEmpty()) {
            return;
        }
        try {
            byte[] weights = read(resources.getResource(BUNDLED_DEFAULT + FileSystemModelStore.WEIGHTS_FILE));
            ModelManifest manifest = ManifestJson.read(read(resources.getResource(BUNDLED_DEFAULT + FileSystemModelStore.MANIFEST_FILE)));
            LoadedModel seeded = registry.register(DEFAULT_MODEL, weights, manifest);
            log.info("Seeded the bundled default model into the store as {}", seeded.label());
        } catch (IOException | RuntimeException e) {
            log.error("Cannot seed the bundled default model: {}", e.toString());
        }
    }

    private static byte[] read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = poller;
        if (executor != null) {
            executor.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    @Override
    public int getPhase() {
        // Before the web server (which starts in a late phase) so that models are loaded first.
        return 0;
    }
}
