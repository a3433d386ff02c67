package io.seqcast.training;

/** Thrown out of {@link Trainer#fit} when its listener asked to stop. */
public class TrainingCancelledException extends RuntimeException {

    public TrainingCancelledException(int epoch) {
        super("training cancelled during epoch " + epoch);
    }
}
