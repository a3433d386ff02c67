package io.seqcast.registry;

import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.Limits;
import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.nn.weights.SafeTensors;
import io.seqcast.nn.weights.SafeTensorsFile;
import io.seqcast.nn.weights.WeightsFormatException;
import io.seqcast.tensor.ComputeContext;

import java.time.Instant;

/**
 * Turns stored bytes into a {@link LoadedModel} fit to serve, or refuses them: safetensors parsed
 * within {@link Limits} (finite values), every tensor's shape checked against the manifest's
 * architecture, a canary forecast on a deterministic input that must give finite numbers, then
 * warm-up passes (batch 1 and batch 32) so the JIT has compiled the serving path before the first
 * request meets it.
 */
final class ModelLoader {

    static final int WARMUP_BATCH = 32;

    private final ComputeContext compute;
    private final Limits limits;
    private final int warmupIterations;

    ModelLoader(ComputeContext compute, Limits limits, int warmupIterations) {
        this.compute = compute;
        this.limits = limits;
        this.warmupIterations = warmupIterations;
    }

    Limits limits() {
        return limits;
    }

    /** Parses weights within the limits; a {@link WeightsFormatException} becomes {@link InvalidModelException}. */
    SafeTensorsFile parse(byte[] weights, String source) {
        try {
            return SafeTensors.read(weights, source, limits);
        } catch (WeightsFormatException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
    }

    /**
     * Validates and warms up; the manifest must be the stored one (name, version, sha256 set).
     *
     * @throws InvalidModelException with the reason when anything is wrong
     */
    LoadedModel load(ModelManifest manifest, byte[] weights) {
        String label = manifest.name() + "@" + manifest.version();
        // Before anything is sized from it: a manifest built in code never went through ManifestJson.read.
        ManifestLimits.check(manifest);
        if (manifest.sha256() != null && !manifest.sha256().equalsIgnoreCase(Sha256.hex(weights))) {
            throw new InvalidModelException(label + ": sha256 of the weights does not match the manifest's " + manifest.sha256());
        }
        SeqToOneModel model = validate(parse(weights, label), manifest, label);
        warmUp(model, manifest.architecture().window());
        return new LoadedModel(manifest.name(), manifest.version(), manifest, model, Instant.now());
    }

    /** Shape checks and the canary forecast. */
    SeqToOneModel validate(SafeTensorsFile file, ModelManifest manifest, String label) {
        ModelSpec spec;
        try {
            spec = manifest.architecture().spec();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(label + ": manifest architecture is invalid: " + e.getMessage(), e);
        }
        SeqToOneModel model;
        try {
            // Frozen: a serving model is read-only, and its recurrent weights are packed once for the
            // fast batch-1 path instead of at every forward pass.
            model = ModelWeights.fromSafeTensors(file, spec).freeze();
        } catch (WeightsFormatException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
        int window = manifest.architecture().window();
        float[] out = new float[spec.horizon()];
        model.predict(compute, canary(1, window, spec.inputSize()), 1, window, out);
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new InvalidModelException(label + ": the canary forecast gives " + out[i] + " at horizon step "
                        + (i + 1) + "; the weights do not produce finite forecasts");
            }
        }
        return model;
    }

    private void warmUp(SeqToOneModel model, int window) {
        ModelSpec spec = model.spec();
        float[] one = canary(1, window, spec.inputSize());
        float[] out = new float[WARMUP_BATCH * spec.horizon()];
        for (int i = 0; i < warmupIterations; i++) {
            model.predict(compute, one, 1, window, out);
        }
        if (warmupIterations > 0) {
            model.predict(compute, canary(WARMUP_BATCH, window, spec.inputSize()), WARMUP_BATCH, window, out);
        }
    }

    /** A deterministic, bounded input {@code [batch, steps, inputSize]}: phase-shifted sine waves. */
    static float[] canary(int batch, int steps, int inputSize) {
        float[] x = new float[batch * steps * inputSize];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < inputSize; i++) {
                    x[(b * steps + t) * inputSize + i] = (float) Math.sin(0.5 * t + 0.3 * b + 1.1 * i);
                }
            }
        }
        return x;
    }
}
