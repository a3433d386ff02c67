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
}
