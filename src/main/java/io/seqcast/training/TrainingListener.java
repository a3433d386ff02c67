package io.seqcast.training;

/** Observes a training run and may stop it between optimisation steps. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** Called after every epoch, on the training thread. */
    default void onEpoch(EpochReport report) {
    }

    /** Polled between optimisation steps; {@code true} ends the run with {@link TrainingCancelledException}. */
    default boolean cancelled() {
        return false;
    }

    /**
     * Polled after every epoch (after {@link #onEpoch}); {@code true} ends the run gracefully, like early
     * stopping: the best weights so far are kept and the result is returned, nothing is thrown. A time
     * budget uses it. {@link ModelFitter} also skips its refit when a stop was requested.
     */
    default boolean stopRequested() {
        return false;
    }
}
