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
     * budget uses it.
     */
    default boolean stopRequested() {
        return false;
    }

    /**
     * Asked once, after the early-stopped run, before {@link ModelFitter} refits on all data for
     * {@code epochs} epochs: {@code true} skips the refit (the best weights so far are kept). By
     * default a refit is skipped when a stop was requested; a time budget that stopped training
     * early precisely to leave room for the refit says whether the refit fits.
     */
    default boolean skipRefit(int epochs) {
        return stopRequested();
    }
}
