package io.seqcast.training.jobs;

import java.util.Locale;

/** Where a job is: queued, then running, then one of the three final states. */
public enum TrainingJobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Lower-case name, as the API shows it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
