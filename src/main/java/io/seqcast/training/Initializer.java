package io.seqcast.training;

import io.seqcast.nn.ParameterTensor;
import io.seqcast.nn.SeqToOneModel;

import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation, seeded: every recurrent weight and bias uniform in
 * {@code [-1/sqrt(hidden), 1/sqrt(hidden)]} (as {@code nn.RNN/GRU/LSTM.reset_parameters}); the head
 * weight and bias uniform in {@code [-1/sqrt(hidden), 1/sqrt(hidden)]} (what {@code nn.Linear}'s
 * Kaiming-uniform with {@code a = sqrt(5)} works out to). Same seed, same weights.
 */
public final class Initializer {

    private Initializer() {
    }

    public static void pytorchDefault(SeqToOneModel model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float bound = (float) (1.0 / Math.sqrt(model.spec().hiddenSize()));
        float[] p = model.parameters();
        for (ParameterTensor t : model.layout().tensors()) {
            for (int i = 0; i < t.size(); i++) {
                p[t.offset() + i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
        }
    }
}
