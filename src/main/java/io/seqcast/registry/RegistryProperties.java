package io.seqcast.registry;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the model registry.
 *
 * @param store where versions live: {@code filesystem} (default, under {@code directory}) or
 *     {@code postgres} (the {@code spring.datasource.*} database; use the {@code postgres} profile,
 *     which enables the data source)
 * @param directory the file-system store's base folder, relative to the working directory unless
 *     absolute; {@code <directory>/<name>/<version>/{model.safetensors,manifest.json}}
 * @param pollInterval how often the store is re-read for versions and aliases written by another
 *     process (with PostgreSQL, the safety net behind LISTEN/NOTIFY)
 * @param maxUploadBytes largest accepted weights file (upload or store); also bounds safetensors parsing
 * @param maxHeaderBytes largest accepted safetensors JSON header
 * @param maxTensors largest accepted number of tensors in a safetensors file
 * @param warmupIterations forward passes at batch 1 before a version is swapped in (plus one at batch 32)
 * @param coldCacheBytes how many bytes of parameters (float32) of loaded versions that are neither aliased
 *     nor latest stay cached (the least used first out)
 * @param requiredModels models that must be serving before readiness reports UP; {@code default} is
 *     only required when a default model is bundled or already stored
 * @param seedDefault whether to copy the bundled {@code classpath:models/default/1} into an empty store
 */
@Validated
@ConfigurationProperties("seqcast.registry")
public record RegistryProperties(
        @DefaultValue("filesystem")
        @Pattern(regexp = "filesystem|postgres", message = "must be filesystem or postgres")
        String store,
        @DefaultValue("var/models") @NotNull Path directory,
        @DefaultValue("5s") @NotNull Duration pollInterval,
        @DefaultValue("256MB") @NotNull DataSize maxUploadBytes,
        @DefaultValue("1MB") @NotNull DataSize maxHeaderBytes,
        @DefaultValue("10000") @Min(1) int maxTensors,
        @DefaultValue("20") @Min(0) int warmupIterations,
        @DefaultValue("128MB") @NotNull DataSize coldCacheBytes,
        @DefaultValue("default") List<String> requiredModels,
        @DefaultValue("true") boolean seedDefault) {

    public io.seqcast.nn.weights.Limits limits() {
        return new io.seqcast.nn.weights.Limits(maxHeaderBytes.toBytes(), maxTensors,
                Math.min(maxUploadBytes.toBytes(), io.seqcast.nn.weights.Limits.MAX_TOTAL_BYTES));
    }
}
