package io.seqcast.training.jobs;

import io.seqcast.training.EpochReport;

/**
 * Observes training jobs (observability implements it for the training meters). Called on the job's
 * thread, or on the cancelling thread for a job cancelled while queued, while the job's state is
 * locked: keep the methods cheap and never throw. Every method does nothing by default.
 */
public interface TrainingJobListener {

    TrainingJobListener NONE = new TrainingJobListener() {
    };

    /** An epoch of a running job's early-stopped run ended (not the refit on all data afterwards). */
    default void epoch(String modelName, EpochReport report) {
    }

    /** A job reached a final state: succeeded, failed or cancelled (also when cancelled while queued). */
    default void finished(String modelName, TrainingJobState state) {
    }
}
