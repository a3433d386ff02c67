package io.seqcast.tensor;

/** Compute work stopped at a check of its {@link Cancellation}: cancelled, or past its deadline. */
public class WorkCancelledException extends RuntimeException {

    private final boolean deadline;

    public WorkCancelledException(String message, boolean deadline) {
        super(message, null, false, false);
        this.deadline = deadline;
    }

    /** {@code true} when the deadline passed, {@code false} when someone cancelled. */
    public boolean deadline() {
        return deadline;
    }
}
