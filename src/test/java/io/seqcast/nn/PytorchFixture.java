package io.seqcast.nn;

import io.seqcast.nn.weights.ModelWeights;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One PyTorch golden fixture from {@code src/test/resources/fixtures/pytorch} (see its README): the
 * weights, the test input, and what PyTorch computed in float32 (and float64).
 */
public record PytorchFixture(String stem, JsonNode json, Path weights) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /**
     * The shared fixtures, and the ReLU RNN ones made by {@code tools/pytorch/make_relu_fixtures.py}
     * (the same generator with the other nonlinearity).
     */
    private static final List<String> DIRS = List.of("/fixtures/pytorch/", "/fixtures/pytorch-relu/");

    /** The stems listed in every fixture folder's {@code index.json}. */
    public static List<String> stems() {
        List<String> stems = new ArrayList<>();
        for (String dir : DIRS) {
            stems.addAll(stems(dir));
        }
        return stems;
    }

    private static String dirOf(String stem) {
        return stem.startsWith("rnn_relu") ? DIRS.get(1) : DIRS.get(0);
    }

    private static List<String> stems(String dir) {
        JsonNode index = readJson(dir + "index.json");
        JsonNode list = index.isArray() ? index : index.path("fixtures");
        if (!list.isArray()) {
            list = index.path("models");
        }
        List<String> stems = new ArrayList<>();
        for (JsonNode node : list) {
            stems.add(node.isTextual() ? node.asText() : node.path("stem").asText());
        }
        if (stems.isEmpty()) {
            throw new IllegalStateException("no fixtures listed in index.json: " + index);
        }
        return stems;
    }

    public static PytorchFixture load(String stem) {
        try {
            String dir = dirOf(stem);
            Path weights = Path.of(PytorchFixture.class.getResource(dir + stem + ".safetensors").toURI());
            return new PytorchFixture(stem, readJson(dir + stem + ".json"), weights);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String name) {
        try (InputStream in = PytorchFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SeqToOneModel model() {
        return ModelWeights.read(weights);
    }

    public int batch() {
        return json.path("batch").asInt();
    }

    public int steps() {
        return json.path("seq_len").asInt();
    }

    /** A float32 tensor's flat data, e.g. {@code output}, {@code rnn_out}, {@code h_n}. */
    public float[] tensor(String name) {
        return values(json.path(name));
    }

    /** A gradient by parameter name. */
    public float[] grad(String parameter) {
        return values(json.path("grads").path(parameter));
    }

    public boolean has(String name) {
        return json.has(name);
    }

    public double loss() {
        JsonNode loss = json.path("loss");
        return loss.isNumber() ? loss.asDouble() : loss.path("data").get(0).asDouble();
    }

    static float[] values(JsonNode tensor) {
        JsonNode data = tensor.path("data");
        if (!data.isArray()) {
            throw new IllegalArgumentException("not a fixture tensor: " + tensor);
        }
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data.get(i).asDouble();
        }
        return out;
    }

    /** Largest absolute difference; arrays must have equal length. */
    public static double maxAbsDiff(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + " but expected " + expected.length);
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
            if (Float.isNaN(actual[i])) {
                return Double.NaN;
            }
        }
        return max;
    }
}
