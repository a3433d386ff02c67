package io.seqcast.training;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's optimisation steps
 * @param validationLoss mean loss on the validation windows, {@code NaN} without validation data
 * @param learningRate the rate of the epoch's last step
 * @param nanos wall time of the epoch
 */
public record EpochReport(int epoch, double trainLoss, double validationLoss, float learningRate, long nanos) {
}
