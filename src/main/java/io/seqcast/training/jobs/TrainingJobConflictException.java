package io.seqcast.training.jobs;

/** An operation that the job's state does not allow, such as cancelling a job that already succeeded. */
public class TrainingJobConflictException extends RuntimeException {

    public TrainingJobConflictException(String message) {
        super(message);
    }
}
