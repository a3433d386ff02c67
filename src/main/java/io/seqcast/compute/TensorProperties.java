package io.seqcast.compute;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Settings of the shared tensor core.
 *
 * @param backend which kernels run every model: {@code auto} (the fastest of scalar, 256- and
 *     512-bit vectors, timed at start-up in short-lived JVMs and logged; scalar without the
 *     {@code jdk.incubator.vector} module), {@code scalar}, {@code vector} (256-bit),
 *     {@code vector-256} or {@code vector-512}
 * @param threads size of the compute pool for batch-parallel work; 0 means one per core
 * @param trainingBackend the kernels of training's forward and backward passes: {@code auto} (the
 *     serving kernels: a second vector width in the same JVM makes C2 box vectors), or any
 *     {@code backend} value
 */
@Validated
@ConfigurationProperties("seqcast.tensor")
public record TensorProperties(
        @DefaultValue("auto")
        @Pattern(regexp = "(?i)auto|scalar|vector|vector-256|vector-512",
                message = "must be one of auto, scalar, vector, vector-256, vector-512")
        String backend,
        @DefaultValue("0") @Min(0) int threads,
        @DefaultValue("auto")
        @Pattern(regexp = "(?i)auto|scalar|vector|vector-256|vector-512",
                message = "must be one of auto, scalar, vector, vector-256, vector-512")
        String trainingBackend) {
}
