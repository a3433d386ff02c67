package io.seqcast.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every parameter of a {@link ModelSpec} lives in one flat {@code float[]}, in PyTorch's
 * state-dict order and names: for each layer {@code k} {@code rnn.weight_ih_l{k} [G*H, in]},
 * {@code rnn.weight_hh_l{k} [G*H, H]}, {@code rnn.bias_ih_l{k} [G*H]}, {@code rnn.bias_hh_l{k} [G*H]};
 * then {@code head.weight [horizon, H]} and {@code head.bias [horizon]}.
 *
 * <p>Parameters and gradients each take one allocation of {@link #size()} floats with this layout,
 * so an optimizer walks them as plain arrays.
 */
public final class ParameterLayout {

    private final ModelSpec spec;
    private final List<ParameterTensor> tensors;
    private final Map<String, ParameterTensor> byName;
    private final int[] weightIh;
    private final int[] weightHh;
    private final int[] biasIh;
    private final int[] biasHh;
    private final int headWeight;
    private final int headBias;
    private final int size;

    public ParameterLayout(ModelSpec spec) {
        this.spec = spec;
        int layers = spec.numLayers();
        int g = spec.gateRows();
        int h = spec.hiddenSize();
        weightIh = new int[layers];
        weightHh = new int[layers];
        biasIh = new int[layers];
        biasHh = new int[layers];
        List<ParameterTensor> list = new ArrayList<>();
        long offset = 0;
        for (int k = 0; k < layers; k++) {
            int in = spec.layerInputSize(k);
            weightIh[k] = (int) offset;
            offset = add(list, "rnn.weight_ih_l" + k, offset, g, in);
            weightHh[k] = (int) offset;
            offset = add(list, "rnn.weight_hh_l" + k, offset, g, h);
            biasIh[k] = (int) offset;
            offset = add(list, "rnn.bias_ih_l" + k, offset, g);
            biasHh[k] = (int) offset;
            offset = add(list, "rnn.bias_hh_l" + k, offset, g);
        }
        headWeight = (int) offset;
        offset = add(list, "head.weight", offset, spec.horizon(), h);
        headBias = (int) offset;
        offset = add(list, "head.bias", offset, spec.horizon());
        size = (int) offset;
        tensors = Collections.unmodifiableList(list);
        Map<String, ParameterTensor> map = new LinkedHashMap<>();
        for (ParameterTensor t : list) {
            map.put(t.name(), t);
        }
        byName = Collections.unmodifiableMap(map);
    }

    private static long add(List<ParameterTensor> list, String name, long offset, int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        long end = offset + n;
        if (end > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("model too large: parameter " + name + " ends past 2^31 floats");
        }
        list.add(new ParameterTensor(name, shape, (int) offset));
        return end;
    }

    public ModelSpec spec() {
        return spec;
    }

    /** All parameter tensors in PyTorch state-dict order. */
    public List<ParameterTensor> tensors() {
        return tensors;
    }

    /** The tensor with this PyTorch name, or {@code null}. */
    public ParameterTensor find(String name) {
        return byName.get(name);
    }

    /** Total number of floats. */
    public int size() {
        return size;
    }

    public int weightIh(int layer) {
        return weightIh[layer];
    }

    public int weightHh(int layer) {
        return weightHh[layer];
    }

    public int biasIh(int layer) {
        return biasIh[layer];
    }

    public int biasHh(int layer) {
        return biasHh[layer];
    }

    public int headWeight() {
        return headWeight;
    }

    public int headBias() {
        return headBias;
    }
}
