package io.seqcast.training;

/**
 * How to fit a model to windows.
 *
 * @param epochs most passes over the training windows
 * @param batchSize windows per optimisation step
 * @param learningRate peak learning rate of the schedule
 * @param warmupSteps linear warm-up steps before the cosine decay
 * @param finalLearningRateFraction the rate at the last step as a fraction of the peak (1 = constant)
 * @param weightDecay decoupled weight decay (AdamW); 0 gives plain Adam
 * @param clipNorm global gradient-norm bound; 0 or less disables clipping
 * @param patience epochs without a better validation loss before stopping early; 0 disables early
 *     stopping (the last epoch's weights are kept)
 * @param seed seeds the initial weights (when the trainer initialises them) and the shuffling
 */
public record TrainingOptions(int epochs, int batchSize, float learningRate, int warmupSteps,
                              float finalLearningRateFraction, float weightDecay, float clipNorm,
                              int patience, long seed, Loss loss) {

    public TrainingOptions {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be positive but were " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite but was " + learningRate);
        }
        if (warmupSteps < 0 || patience < 0 || !(weightDecay >= 0) || Float.isNaN(clipNorm)) {
            throw new IllegalArgumentException("warm-up, patience and weight decay must not be negative");
        }
        if (!(finalLearningRateFraction >= 0 && finalLearningRateFraction <= 1)) {
            throw new IllegalArgumentException("final learning-rate fraction must be in [0, 1] but was "
                    + finalLearningRateFraction);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must be given");
        }
    }

    /** Adam at 1e-3 on MSE, batch 64, constant rate, clipping at norm 1, patience 10. */
    public static TrainingOptions defaults(int epochs, long seed) {
        return new TrainingOptions(epochs, 64, 1e-3f, 0, 1f, 0f, 1f, 10, seed, new Loss.Mse());
    }
}
