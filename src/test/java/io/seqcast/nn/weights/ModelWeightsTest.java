package io.seqcast.nn.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.ParameterTensor;
import io.seqcast.nn.SeqToOneModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model-level weight validation: a file whose tensors do not fit the declared cell and sizes never
 * becomes a model, and a model written and read back is bit-identical.
 */
class ModelWeightsTest {

    private static final ModelSpec SPEC = new ModelSpec(CellType.LSTM, 3, 5, 2, 4);

    private static SeqToOneModel randomModel(ModelSpec spec) {
        SeqToOneModel model = new SeqToOneModel(spec);
        SplittableRandom r = new SplittableRandom(3);
        float[] p = model.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian();
        }
        return model;
    }

    /** The model's tensors, with {@code change} applied to the list before writing. */
    private static byte[] write(SeqToOneModel model, java.util.function.Consumer<List<TensorData>> change,
                                Map<String, String> metadata) {
        List<TensorData> tensors = new ArrayList<>();
        for (ParameterTensor t : model.layout().tensors()) {
            tensors.add(new TensorData(t.name(), t.shape(), java.util.Arrays.copyOfRange(model.parameters(),
                    t.offset(), t.offset() + t.size())));
        }
        change.accept(tensors);
        return SafeTensors.write(tensors, metadata);
    }

    private static Map<String, String> metadata(ModelSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cell", spec.cell().name());
        m.put("input_size", Integer.toString(spec.inputSize()));
        m.put("hidden_size", Integer.toString(spec.hiddenSize()));
        m.put("num_layers", Integer.toString(spec.numLayers()));
        m.put("horizon", Integer.toString(spec.horizon()));
        return m;
    }

    private static SeqToOneModel read(byte[] bytes) {
        return ModelWeights.fromSafeTensors(SafeTensors.read(bytes, "model.safetensors"), null);
    }

    @Test
    void writeThenReadIsBitIdentical(@TempDir Path dir) {
        SeqToOneModel model = randomModel(SPEC);
        Path file = dir.resolve("m.safetensors");
        ModelWeights.write(model, Map.of("note", "x"), file);
        SeqToOneModel back = ModelWeights.read(file);
        assertThat(back.spec()).isEqualTo(SPEC);
        float[] a = model.parameters();
        float[] b = back.parameters();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.floatToRawIntBits(b[i])).isEqualTo(Float.floatToRawIntBits(a[i]));
        }
        assertThat(ModelWeights.toSafeTensors(back, Map.of("note", "x"))).isEqualTo(ModelWeights.toSafeTensors(model, Map.of("note", "x")));
    }

    @Test
    void aTensorOfTheWrongShapeNamesTheFileTheTensorAndBothShapes() {
        SeqToOneModel model = randomModel(SPEC);
        byte[] bytes = write(model, list -> list.set(1, new TensorData("rnn.weight_hh_l0", new int[] {20, 4}, new float[80])),
                metadata(SPEC));
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("rnn.weight_hh_l0")
                .hasMessageContaining("[20, 4]")
                .hasMessageContaining("[20, 5]");
    }

    @Test
    void aMissingTensorIsNamed() {
        byte[] bytes = write(randomModel(SPEC), list -> list.removeIf(t -> t.name().equals("head.bias")), metadata(SPEC));
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("head.bias").hasMessageContaining("missing");
    }

    @Test
    void anUnexpectedTensorIsNamed() {
        byte[] bytes = write(randomModel(SPEC), list -> list.add(new TensorData("rnn.weight_ih_l2", new int[] {20, 5},
                new float[100])), metadata(SPEC));
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("rnn.weight_ih_l2").hasMessageContaining("unexpected");
    }

    @Test
    void aGruFileDeclaredAsLstmIsRefused() {
        ModelSpec gru = new ModelSpec(CellType.GRU, 3, 5, 2, 4);
        byte[] bytes = write(randomModel(gru), list -> { }, metadata(SPEC));
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("[15, 3]").hasMessageContaining("[20, 3]");
    }

    @Test
    void metadataMustDeclareTheShapeAndAgreeWithTheManifest() {
        byte[] noMetadata = write(randomModel(SPEC), list -> { }, Map.of());
        assertThatThrownBy(() -> read(noMetadata)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("__metadata__ lacks 'cell'");
        Map<String, String> bad = metadata(SPEC);
        bad.put("hidden_size", "five");
        byte[] badNumber = write(randomModel(SPEC), list -> { }, bad);
        assertThatThrownBy(() -> read(badNumber)).hasMessageContaining("'five', not an integer");
        byte[] ok = write(randomModel(SPEC), list -> { }, metadata(SPEC));
        ModelSpec other = new ModelSpec(CellType.LSTM, 3, 5, 2, 6);
        assertThatThrownBy(() -> ModelWeights.fromSafeTensors(SafeTensors.read(ok, "m"), other))
                .hasMessageContaining("manifest declares");
        // Without metadata the manifest's declaration is enough.
        assertThat(ModelWeights.fromSafeTensors(SafeTensors.read(noMetadata, "m"), SPEC).spec()).isEqualTo(SPEC);
    }

    @Test
    void nanWeightsNeverBecomeAModel() {
        byte[] bytes = write(randomModel(SPEC), list -> { }, metadata(SPEC));
        // head.bias [4] is the last tensor: put a NaN into its element 2 (little-endian F32).
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(bytes.length - 8, Float.NaN);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("head.bias").hasMessageContaining("NaN");
    }
}
