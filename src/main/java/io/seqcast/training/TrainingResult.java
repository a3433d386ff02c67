package io.seqcast.training;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param epochs one report per epoch run
 * @param bestEpoch the epoch whose weights the model holds now (best validation loss, or the last
 *     epoch without validation data)
 * @param bestValidationLoss the validation loss of those weights ({@code NaN} without validation)
 * @param stoppedEarly whether patience ran out before the epoch limit
 * @param optimizerSteps optimisation steps taken in all
 */
public record TrainingResult(List<EpochReport> epochs, int bestEpoch, double bestValidationLoss,
                             boolean stoppedEarly, int optimizerSteps) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }
}
