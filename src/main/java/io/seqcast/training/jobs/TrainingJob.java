package io.seqcast.training.jobs;

import io.seqcast.series.SeriesData;
import io.seqcast.training.EpochReport;
import io.seqcast.training.FitConfig;
import io.seqcast.training.TrainingListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One job's mutable state. Call order: {@link #start()} (false when it was cancelled while queued),
 * then epochs arrive through {@link #listener()}, then exactly one of {@link #succeeded},
 * {@link #failed}, {@link #cancelled}. {@link #cancel} may come at any time from another thread.
 * Every transition and {@link #status} synchronise on the job; the cancel flag is volatile so the
 * training thread polls it without a lock.
 */
final class TrainingJob implements Runnable {

    /** What {@link #cancel} did. */
    enum CancelOutcome { CANCELLED, REQUESTED, ALREADY_CANCELLED }

    static final String TRAINING = "training";
    static final String REFITTING = "refitting";
    static final String REGISTERING = "registering";

    final String id;
    final String modelName;
    final FitConfig config;
    final Instant submittedAt;
    private final Clock clock;
    private final Consumer<TrainingJob> body;
    private final TrainingJobListener observer;

    /** The request's series; released when the job ends so the history does not hold the data. */
    private volatile List<SeriesData> series;
    private volatile boolean cancelRequested;
    private String cancelReason;

    private TrainingJobState state = TrainingJobState.QUEUED;
    private String stage;
    private Instant startedAt;
    private Instant finishedAt;
    private final List<EpochReport> epochs = new ArrayList<>();
    private final List<EpochReport> refitEpochs = new ArrayList<>();
    private long epochNanos;
    private int bestEpoch;
    private double bestValidationLoss = Double.POSITIVE_INFINITY;
    private int modelVersion;
    private String error;

    TrainingJob(String id, String modelName, List<SeriesData> series, FitConfig config, Clock clock,
                Consumer<TrainingJob> body) {
        this(id, modelName, series, config, clock, body, TrainingJobListener.NONE);
    }

    TrainingJob(String id, String modelName, List<SeriesData> series, FitConfig config, Clock clock,
                Consumer<TrainingJob> body, TrainingJobListener observer) {
        this.observer = observer;
        this.id = id;
        this.modelName = modelName;
        this.series = List.copyOf(series);
        this.config = config;
        this.clock = clock;
        this.submittedAt = clock.instant();
        this.body = body;
    }

    @Override
    public void run() {
        body.accept(this);
    }

    List<SeriesData> series() {
        return series;
    }

    /** Moves a queued job to running; {@code false} when it was cancelled before it started. */
    synchronized boolean start() {
        if (state != TrainingJobState.QUEUED) {
            return false;
        }
        state = TrainingJobState.RUNNING;
        stage = TRAINING;
        startedAt = clock.instant();
        return true;
    }

    /**
     * Cancels a queued job at once, or asks a running one to stop at its next optimisation step.
     *
     * @throws TrainingJobConflictException when the job already succeeded or failed
     */
    synchronized CancelOutcome cancel(String reason) {
        switch (state) {
            case QUEUED -> {
                cancelReason = reason;
                end(TrainingJobState.CANCELLED, reason + " before it started");
                return CancelOutcome.CANCELLED;
            }
            case RUNNING -> {
                if (!cancelRequested) {
                    cancelReason = reason;
                    cancelRequested = true;
                }
                return CancelOutcome.REQUESTED;
            }
            case CANCELLED -> {
                return CancelOutcome.ALREADY_CANCELLED;
            }
            default -> throw new TrainingJobConflictException("training job '" + id + "' already " + state.label()
                    + "; only a queued or running job can be cancelled");
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Observes the fit: the early-stopped run, then (epoch numbers start again at 1) the refit. */
    TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
                epoch(report);
            }

            @Override
            public boolean cancelled() {
                return cancelRequested;
            }
        };
    }

    private synchronized void epoch(EpochReport report) {
        if (TRAINING.equals(stage) && !epochs.isEmpty() && report.epoch() <= epochs.size()) {
            stage = REFITTING;
        }
        epochNanos += report.nanos();
        if (REFITTING.equals(stage)) {
            refitEpochs.add(report);
            return;
        }
        epochs.add(report);
        if (report.validationLoss() < bestValidationLoss) {
            bestValidationLoss = report.validationLoss();
            bestEpoch = report.epoch();
        }
        notifyObserver(() -> observer.epoch(modelName, report));
    }

    synchronized void registering() {
        stage = REGISTERING;
    }

    synchronized void succeeded(int version) {
        modelVersion = version;
        end(TrainingJobState.SUCCEEDED, null);
    }

    synchronized void failed(String message) {
        end(TrainingJobState.FAILED, message);
    }

    synchronized void cancelled() {
        end(TrainingJobState.CANCELLED, (cancelReason == null ? "cancelled" : cancelReason) + " during "
                + (stage == null ? TRAINING : stage) + ", after " + epochs.size() + " epoch(s)");
    }

    private void end(TrainingJobState finalState, String message) {
        state = finalState;
        error = message;
        finishedAt = clock.instant();
        stage = null;
        series = null;
        notifyObserver(() -> observer.finished(modelName, finalState));
    }

    private static void notifyObserver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TrainingJob.class).warn("A training job listener failed: {}", e.toString());
        }
    }

    synchronized TrainingJobState state() {
        return state;
    }

    synchronized Instant finishedAt() {
        return finishedAt;
    }

    synchronized TrainingJobStatus status() {
        Instant now = clock.instant();
        Duration elapsed = startedAt == null ? null : Duration.between(startedAt, finishedAt == null ? now : finishedAt);
        return new TrainingJobStatus(id, modelName, state, stage, config, submittedAt, startedAt, finishedAt,
                epochs, refitEpochs, bestEpoch, elapsed, eta(), cancelRequested && !state.finished(), modelVersion,
                error);
    }

    /**
     * Mean epoch time times the epochs left: in training, up to the epoch limit plus a refit of about
     * the best epoch so far (early stopping usually ends sooner, so this is an upper bound); in the refit,
     * up to the best epoch. {@code null} before the first epoch or outside the running state.
     */
    private Duration eta() {
        int done = epochs.size() + refitEpochs.size();
        if (state != TrainingJobState.RUNNING || done == 0) {
            return null;
        }
        double mean = (double) epochNanos / done;
        boolean refit = config.refit() && Double.isFinite(bestValidationLoss);
        long left = switch (stage) {
            case TRAINING -> config.epochs() - epochs.size() + (refit ? bestEpoch : 0);
            case REFITTING -> Math.max(0, bestEpoch - refitEpochs.size());
            default -> 0;
        };
        return Duration.ofNanos(Math.round(mean * left));
    }
}
