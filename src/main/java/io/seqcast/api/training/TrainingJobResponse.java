package io.seqcast.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.seqcast.training.EpochReport;
import io.seqcast.training.FitConfig;
import io.seqcast.training.jobs.TrainingJobStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A training job as {@code GET /training-jobs/{id}} shows it.
 *
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param stage while running: {@code training}, {@code refitting} or {@code registering}
 * @param epoch epochs of the early-stopped run so far
 * @param maxEpochs the epoch limit (early stopping usually ends sooner)
 * @param epochs train and validation loss per epoch
 * @param refitEpochs the refit on all data for the best epoch count (train loss only)
 * @param elapsedSeconds running time so far or in all; {@code null} while queued
 * @param etaSeconds estimated seconds left while running (an upper bound during training)
 * @param model the version the job registered, once it succeeded (absent before: an OpenAPI 3.0 reference
 *     cannot be null)
 * @param error why the job failed or was cancelled
 */
record TrainingJobResponse(String id, String modelName, String state, String stage, Instant submittedAt,
                           Instant startedAt, Instant finishedAt, int epoch, int maxEpochs, int bestEpoch,
                           List<Epoch> epochs, List<Epoch> refitEpochs, Double elapsedSeconds, Double etaSeconds,
                           boolean cancelRequested,
                           @JsonInclude(JsonInclude.Include.NON_NULL) ModelVersion model, String error, Config config) {

    /** One epoch; {@code validationLoss} is {@code null} without validation data. */
    record Epoch(int epoch, double trainLoss, Double validationLoss, float learningRate, double seconds) {

        static Epoch of(EpochReport r) {
            return new Epoch(r.epoch(), r.trainLoss(), Double.isFinite(r.validationLoss()) ? r.validationLoss() : null,
                    r.learningRate(), r.nanos() / 1e9);
        }
    }

    /** The model version a job produced. */
    record ModelVersion(String name, int version) {
    }

    /** The resolved configuration: defaults filled in, the window the data chose. */
    record Config(String cell, int hidden, int layers, int window, int horizon, int epochs, int batchSize,
                  float learningRate, String loss, long seed, double validationFraction, int patience,
                  String frequency, boolean refit) {

        static Config of(FitConfig c) {
            return new Config(c.cell(), c.hidden(), c.layers(), c.window(), c.horizon(), c.epochs(), c.batchSize(),
                    c.learningRate(), c.loss(), c.seed(), c.validationFraction(), c.patience(), c.frequency(),
                    c.refit());
        }
    }

    static TrainingJobResponse of(TrainingJobStatus s) {
        return new TrainingJobResponse(s.id(), s.modelName(), s.state().label(), s.stage(), s.submittedAt(),
                s.startedAt(), s.finishedAt(), s.epoch(), s.config().epochs(), s.bestEpoch(),
                s.epochs().stream().map(Epoch::of).toList(), s.refitEpochs().stream().map(Epoch::of).toList(),
                seconds(s.elapsed()), seconds(s.eta()), s.cancelRequested(), modelVersion(s), s.error(),
                Config.of(s.config()));
    }

    static ModelVersion modelVersion(TrainingJobStatus s) {
        return s.modelVersion() > 0 ? new ModelVersion(s.modelName(), s.modelVersion()) : null;
    }

    static Double seconds(Duration d) {
        return d == null ? null : Math.round(d.toMillis() / 10.0) / 100.0;
    }

    /** A line of {@code GET /training-jobs}: the job without its per-epoch losses. */
    record Summary(String id, String modelName, String state, String stage, Instant submittedAt, Instant finishedAt,
                   int epoch, int maxEpochs, Double elapsedSeconds, Double etaSeconds,
                   @JsonInclude(JsonInclude.Include.NON_NULL) ModelVersion model,
                   String error) {

        static Summary of(TrainingJobStatus s) {
            return new Summary(s.id(), s.modelName(), s.state().label(), s.stage(), s.submittedAt(), s.finishedAt(),
                    s.epoch(), s.config().epochs(), seconds(s.elapsed()), seconds(s.eta()), modelVersion(s), s.error());
        }
    }
}
