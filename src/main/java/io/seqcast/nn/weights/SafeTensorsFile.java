package io.seqcast.nn.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of one safetensors file: its tensors by name, in header order (the order the writer
 * listed them, which for PyTorch is the {@code state_dict} order), and its {@code __metadata__}.
 *
 * @param source the file name or source description it was read from (used in error messages)
 * @param tensors unmodifiable, insertion-ordered map from name to tensor
 * @param metadata unmodifiable, insertion-ordered {@code __metadata__} map; empty if the file has none
 */
public record SafeTensorsFile(String source, Map<String, TensorData> tensors, Map<String, String> metadata) {

    /** Copies both maps, keeping their order, into unmodifiable ones. */
    public SafeTensorsFile {
        Objects.requireNonNull(source, "source");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The tensor with this name.
     *
     * @throws WeightsFormatException if the file has no such tensor (the message lists the ones it has)
     */
    public TensorData require(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new WeightsFormatException(source, name,
                    "no such tensor; the file has " + tensors.keySet());
        }
        return t;
    }
}
