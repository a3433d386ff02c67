package io.seqcast.training.jobs;

/** No job with this id: never submitted, or already dropped from the bounded history (or a restart). */
public class TrainingJobNotFoundException extends RuntimeException {

    public TrainingJobNotFoundException(String id) {
        super("no training job '" + id + "' (jobs are kept in memory: the last finished ones and all queued or running)");
    }
}
