package io.seqcast.training.jobs;

import io.seqcast.training.EpochReport;
import io.seqcast.training.FitConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one training job.
 *
 * @param id the job id
 * @param modelName the model the job registers a version of
 * @param state queued, running, succeeded, failed or cancelled
 * @param stage while running: {@code training}, {@code refitting} (retraining on all data for the best
 *     epoch count) or {@code registering}; otherwise {@code null}
 * @param config the resolved configuration (defaults filled in; the window is the one the data chose)
 * @param epochs one report per epoch of the early-stopped run (train and validation loss)
 * @param refitEpochs reports of the refit on all data (no validation loss)
 * @param bestEpoch the epoch with the lowest validation loss so far, 0 before the first
 * @param elapsed running time so far, or until the job finished; {@code null} while queued
 * @param eta estimated time left while running, {@code null} when unknown; an upper bound for the
 *     training stage, since early stopping may end it sooner
 * @param cancelRequested a cancel was asked for and the job has not stopped yet
 * @param modelVersion the version the job registered, 0 unless succeeded
 * @param error why the job failed or was cancelled, written for the client; {@code null} otherwise
 */
public record TrainingJobStatus(String id, String modelName, TrainingJobState state, String stage, FitConfig config,
                                Instant submittedAt, Instant startedAt, Instant finishedAt,
                                List<EpochReport> epochs, List<EpochReport> refitEpochs, int bestEpoch,
                                Duration elapsed, Duration eta, boolean cancelRequested, int modelVersion,
                                String error) {

    public TrainingJobStatus {
        epochs = List.copyOf(epochs);
        refitEpochs = List.copyOf(refitEpochs);
    }

    /** The latest epoch of the early-stopped run, 0 before the first. */
    public int epoch() {
        return epochs.size();
    }
}
