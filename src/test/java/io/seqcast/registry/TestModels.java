package io.seqcast.registry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.Limits;
import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.nn.weights.SafeTensors;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The tiny test model (the PyTorch GRU fixture with a hand-written manifest) and variants of it. */
public final class TestModels {

    public static final String DIR = "/registry/tiny-gru/";
    private static ComputeContext compute;

    private TestModels() {
    }

    public static synchronized ComputeContext compute() {
        if (compute == null) {
            compute = new ComputeContext(KernelsProvider.select("auto"), 2);
        }
        return compute;
    }

    public static byte[] weights() {
        return resource(DIR + "model.safetensors");
    }

    public static ModelManifest manifest() {
        return ManifestJson.read(resource(DIR + "manifest.json"));
    }

    /** The fixture's weights with every parameter scaled: a different but valid model. */
    public static byte[] scaledWeights(float factor) {
        SeqToOneModel model = ModelWeights.fromSafeTensors(SafeTensors.read(weights(), "fixture"), null);
        float[] p = model.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] *= factor;
        }
        return ModelWeights.toSafeTensors(model, Map.of());
    }

    /**
     * Finite weights whose forecasts overflow to infinity: passes the format checks, fails the canary.
     * The GRU biases pin every hidden unit near 1 (update gate shut, candidate saturated), and the head
     * adds up hidden units weighted by the largest float.
     */
    public static byte[] overflowingWeights() {
        SeqToOneModel model = ModelWeights.fromSafeTensors(SafeTensors.read(weights(), "fixture"), null);
        float[] p = model.parameters();
        int hidden = model.spec().hiddenSize();
        var biasIh = model.layout().find("rnn.bias_ih_l0");
        for (int i = 0; i < hidden; i++) {
            p[biasIh.offset() + hidden + i] = -50f;     // z: keep none of the old state
            p[biasIh.offset() + 2 * hidden + i] = 50f;  // n: tanh(50) = 1
        }
        var head = model.layout().find("head.weight");
        for (int i = 0; i < head.size(); i++) {
            p[head.offset() + i] = Float.MAX_VALUE;
        }
        return ModelWeights.toSafeTensors(model, Map.of());
    }

    public static DefaultModelRegistry registry(ModelStore store) {
        return new DefaultModelRegistry(store, compute(), Limits.DEFAULT, 3, 64L << 20, new SimpleMeterRegistry());
    }

    public static DefaultModelRegistry registry(ModelStore store, RegistryListener listener) {
        return new DefaultModelRegistry(store, compute(), Limits.DEFAULT, 3, 64L << 20, new SimpleMeterRegistry(), listener);
    }

    public static DefaultModelRegistry registry(ModelStore store, SimpleMeterRegistry meters) {
        return new DefaultModelRegistry(store, compute(), Limits.DEFAULT, 3, 64L << 20, meters);
    }

    static byte[] resource(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
