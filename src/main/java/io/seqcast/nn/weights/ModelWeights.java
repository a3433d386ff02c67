package io.seqcast.nn.weights;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.ParameterLayout;
import io.seqcast.nn.ParameterTensor;
import io.seqcast.nn.SeqToOneModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@link SeqToOneModel}s to and from safetensors with PyTorch's state-dict names, so that a
 * model trained as {@code nn.GRU}/{@code nn.LSTM}/{@code nn.RNN} (batch-first, with biases) plus an
 * {@code nn.Linear} head named {@code head} loads unchanged, and seqcast's own weights load into
 * PyTorch.
 *
 * <p>Strict: every tensor the declared cell and sizes need must be there with exactly its shape, no
 * other tensor may be, and (checked by {@link SafeTensors}) every value is finite. A bad file never
 * becomes a wrong model: it becomes a {@link WeightsFormatException} naming the file, the tensor and
 * both shapes.
 */
public final class ModelWeights {

    /** Metadata keys, as PyTorch's fixture writer and {@link #write} use them (all values strings). */
    public static final String CELL = "cell";
    public static final String INPUT_SIZE = "input_size";
    public static final String HIDDEN_SIZE = "hidden_size";
    public static final String NUM_LAYERS = "num_layers";
    public static final String HORIZON = "horizon";
    public static final String FORMAT = "format";

    private ModelWeights() {
    }

    /** Reads a model whose shape is declared by the file's own {@code __metadata__}. */
    public static SeqToOneModel read(Path file) {
        return fromSafeTensors(SafeTensors.read(file), null);
    }

    /**
     * Builds a model from parsed safetensors.
     *
     * @param declared the shape the caller expects (from a manifest), or {@code null} to take it
     *     from the file's metadata; when both are present they must agree
     */
    public static SeqToOneModel fromSafeTensors(SafeTensorsFile file, ModelSpec declared) {
        String source = file.source();
        ModelSpec fromMetadata = specFromMetadata(file.metadata(), source, declared == null);
        if (declared != null && fromMetadata != null && !declared.equals(fromMetadata)) {
            throw new WeightsFormatException(source, null, "metadata declares " + fromMetadata
                    + " but the manifest declares " + declared);
        }
        ModelSpec spec = declared != null ? declared : fromMetadata;
        SeqToOneModel model = new SeqToOneModel(spec);
        ParameterLayout layout = model.layout();
        for (String name : file.tensors().keySet()) {
            if (layout.find(name) == null) {
                throw new WeightsFormatException(source, name, "unexpected tensor for a " + spec.cell()
                        + " model with " + spec.numLayers() + " layer(s); expected exactly " + names(layout));
            }
        }
        float[] parameters = model.parameters();
        for (ParameterTensor expected : layout.tensors()) {
            TensorData actual = file.tensors().get(expected.name());
            if (actual == null) {
                throw new WeightsFormatException(source, expected.name(), "missing; " + spec + " needs shape "
                        + Arrays.toString(expected.shape()));
            }
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                throw new WeightsFormatException(source, expected.name(), "shape "
                        + Arrays.toString(actual.shape()) + " but " + spec + " needs "
                        + Arrays.toString(expected.shape()));
            }
            System.arraycopy(actual.values(), 0, parameters, expected.offset(), expected.size());
        }
        return model;
    }

    private static List<String> names(ParameterLayout layout) {
        List<String> names = new ArrayList<>();
        for (ParameterTensor t : layout.tensors()) {
            names.add(t.name());
        }
        return names;
    }

    /** The model shape declared in safetensors metadata, or {@code null} when none is declared. */
    static ModelSpec specFromMetadata(Map<String, String> metadata, String source, boolean required) {
        boolean any = metadata.containsKey(CELL) || metadata.containsKey(HIDDEN_SIZE);
        if (!any && !required) {
            return null;
        }
        try {
            CellType cell = CellType.parse(requireKey(metadata, CELL, source));
            return new ModelSpec(cell,
                    intValue(metadata, INPUT_SIZE, source),
                    intValue(metadata, HIDDEN_SIZE, source),
                    intValue(metadata, NUM_LAYERS, source),
                    intValue(metadata, HORIZON, source));
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(source, null, "invalid model metadata: " + e.getMessage(), e);
        }
    }

    private static String requireKey(Map<String, String> metadata, String key, String source) {
        String value = metadata.get(key);
        if (value == null) {
            throw new WeightsFormatException(source, null, "__metadata__ lacks '" + key + "' (needed to know the model's shape; "
                    + "expected keys " + CELL + ", " + INPUT_SIZE + ", " + HIDDEN_SIZE + ", " + NUM_LAYERS + ", " + HORIZON + ")");
        }
        return value;
    }

    private static int intValue(Map<String, String> metadata, String key, String source) {
        String value = requireKey(metadata, key, source);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new WeightsFormatException(source, null, "__metadata__ '" + key + "' is '" + value + "', not an integer", e);
        }
    }

    /**
     * The model as safetensors bytes: F32 tensors in PyTorch state-dict order, {@code __metadata__}
     * with the shape keys (and {@code format=pt}, so PyTorch's loaders accept it) plus {@code extra}.
     */
    public static byte[] toSafeTensors(SeqToOneModel model, Map<String, String> extra) {
        ModelSpec spec = model.spec();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT, "pt");
        metadata.put(CELL, spec.cell().name());
        metadata.put(INPUT_SIZE, Integer.toString(spec.inputSize()));
        metadata.put(HIDDEN_SIZE, Integer.toString(spec.hiddenSize()));
        metadata.put(NUM_LAYERS, Integer.toString(spec.numLayers()));
        metadata.put(HORIZON, Integer.toString(spec.horizon()));
        metadata.put("batch_first", "true");
        metadata.put("bias", "true");
        if (extra != null) {
            extra.forEach(metadata::putIfAbsent);
        }
        List<TensorData> tensors = new ArrayList<>();
        // A copy, not parameters(): a frozen (serving) model can be written too.
        float[] parameters = model.copyParameters();
        for (ParameterTensor t : model.layout().tensors()) {
            tensors.add(new TensorData(t.name(), t.shape(),
                    Arrays.copyOfRange(parameters, t.offset(), t.offset() + t.size())));
        }
        return SafeTensors.write(tensors, metadata);
    }

    /** Writes {@link #toSafeTensors} to {@code file}. */
    public static void write(SeqToOneModel model, Map<String, String> extra, Path file) {
        try {
            Files.write(file, toSafeTensors(model, extra));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights to " + file, e);
        }
    }
}
