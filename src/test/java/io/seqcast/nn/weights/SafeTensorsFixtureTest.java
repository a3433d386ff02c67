package io.seqcast.nn.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the six PyTorch-written fixtures and round-trips them through the writer. */
class SafeTensorsFixtureTest {

    static Path fixture(String file) {
        try {
            return Path.of(SafeTensorsFixtureTest.class.getResource("/fixtures/pytorch/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource fixtures/pytorch/" + file, e);
        }
    }

    static Map<?, ?> json(String file) throws Exception {
        return (Map<?, ?>) Json.parse(Files.readString(fixture(file), StandardCharsets.UTF_8), 16);
    }

    static Stream<String> stems() throws Exception {
        return ((List<?>) json("index.json").get("models")).stream().map(String.class::cast);
    }

    @ParameterizedTest
    @MethodSource("stems")
    void readsNamesShapesAndMetadataAsPyTorchWroteThem(String stem) throws Exception {
        Path file = fixture(stem + ".safetensors");
        SafeTensorsFile weights = SafeTensors.read(file);
        Map<?, ?> vectors = json(stem + ".json");
        Map<?, ?> grads = (Map<?, ?>) vectors.get("grads");

        assertThat(weights.source()).endsWith(stem + ".safetensors");
        assertThat(new ArrayList<>(weights.tensors().keySet())).isEqualTo(vectors.get("parameter_order"));
        for (TensorData t : weights.tensors().values()) {
            List<?> expected = (List<?>) ((Map<?, ?>) grads.get(t.name())).get("shape");
            assertThat(Stream.of(expected.toArray()).mapToInt(d -> Integer.parseInt(d.toString())).toArray())
                    .as(t.name()).isEqualTo(t.shape());
        }

        // The gate layout from the README: weight_ih_l0 is [G*H, input_size], G = 1, 3, 4.
        String cell = weights.metadata().get("cell");
        int hidden = Integer.parseInt(weights.metadata().get("hidden_size"));
        int input = Integer.parseInt(weights.metadata().get("input_size"));
        int gates = switch (cell) {
            case "RNN_TANH" -> 1;
            case "GRU" -> 3;
            case "LSTM" -> 4;
            default -> throw new AssertionError(cell);
        };
        assertThat(cell).isEqualTo(vectors.get("cell"));
        assertThat(hidden).isEqualTo(Integer.parseInt(vectors.get("hidden_size").toString()));
        assertThat(input).isEqualTo(Integer.parseInt(vectors.get("input_size").toString()));
        assertThat(weights.metadata().get("num_layers")).isEqualTo(vectors.get("num_layers").toString());
        assertThat(weights.metadata().get("format")).isEqualTo("pt");
        assertThat(weights.require("rnn.weight_ih_l0").shape()).containsExactly(gates * hidden, input);
        assertThat(weights.require("rnn.bias_hh_l0").shape()).containsExactly(gates * hidden);
        assertThat(weights.require("head.weight").shape()).containsExactly(4, hidden);
        assertThat(weights.require("head.bias").shape()).containsExactly(4);
    }

    @ParameterizedTest
    @MethodSource("stems")
    void rewritingAFixtureReproducesItsBytes(String stem) throws Exception {
        byte[] original = Files.readAllBytes(fixture(stem + ".safetensors"));
        SafeTensorsFile weights = SafeTensors.read(original, stem);
        byte[] rewritten = SafeTensors.write(new ArrayList<>(weights.tensors().values()), weights.metadata());
        assertThat(rewritten).isEqualTo(original);
    }

    @ParameterizedTest
    @MethodSource("stems")
    void writeThenReadIsBitIdentical(String stem, @TempDir Path dir) throws Exception {
        SafeTensorsFile weights = SafeTensors.read(fixture(stem + ".safetensors"));
        Path copy = dir.resolve("copy.safetensors");
        SafeTensors.write(copy, new ArrayList<>(weights.tensors().values()), weights.metadata());
        SafeTensorsFile back = SafeTensors.read(copy);

        assertThat(back.tensors().keySet()).containsExactlyElementsOf(weights.tensors().keySet());
        assertThat(back.metadata()).containsExactlyEntriesOf(weights.metadata());
        for (TensorData t : weights.tensors().values()) {
            TensorData b = back.require(t.name());
            assertThat(b.shape()).isEqualTo(t.shape());
            for (int i = 0; i < t.size(); i++) {
                assertThat(Float.floatToRawIntBits(b.values()[i]))
                        .as("%s[%d]", t.name(), i).isEqualTo(Float.floatToRawIntBits(t.values()[i]));
            }
            assertThat(b).isEqualTo(t);
        }
    }

    @ParameterizedTest
    @MethodSource("stems")
    void streamAndByteArrayReadsAgreeWithThePathRead(String stem) throws Exception {
        Path file = fixture(stem + ".safetensors");
        SafeTensorsFile fromPath = SafeTensors.read(file);
        byte[] bytes = Files.readAllBytes(file);
        SafeTensorsFile fromStream = SafeTensors.read(new ByteArrayInputStream(bytes), stem, Limits.DEFAULT);
        assertThat(fromStream.tensors()).isEqualTo(fromPath.tensors());
        assertThat(fromStream.metadata()).isEqualTo(fromPath.metadata());
        assertThat(SafeTensors.read(bytes, stem).tensors()).isEqualTo(fromPath.tensors());
    }

    @ParameterizedTest
    @MethodSource("stems")
    void requireNamesTheFileAndTheMissingTensor(String stem) {
        SafeTensorsFile weights = SafeTensors.read(fixture(stem + ".safetensors"));
        assertThatThrownBy(() -> weights.require("rnn.weight_ih_l7"))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining(stem + ".safetensors")
                .hasMessageContaining("rnn.weight_ih_l7")
                .hasMessageContaining("head.bias");
    }
}
