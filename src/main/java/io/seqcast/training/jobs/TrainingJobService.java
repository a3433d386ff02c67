package io.seqcast.training.jobs;

import io.seqcast.input.ProblemException;
import io.seqcast.input.SeriesRules;
import io.seqcast.nn.CellType;
import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.registry.InvalidModelException;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelManifest;
import io.seqcast.registry.ModelNames;
import io.seqcast.registry.ModelNotFoundException;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.InvalidTimestampsException;
import io.seqcast.series.SeriesData;
import io.seqcast.series.TimeAxis;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.training.FitConfig;
import io.seqcast.training.FitResult;
import io.seqcast.training.Loss;
import io.seqcast.training.ModelFitter;
import io.seqcast.tensor.Cancellation;
import io.seqcast.tensor.WorkCancelledException;
import io.seqcast.training.TrainingCancelledException;
import io.seqcast.training.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains models in the background and registers each result as a new version.
 *
 * <p>{@link #submit} validates everything it can before queueing (names, config ranges against
 * {@link TrainingJobProperties}, every series through {@link ModelFitter#check}), so a bad request is
 * refused at once with {@link InvalidTrainingJobException} naming the field, and a queued job fails only
 * for reasons the data could not show up front (divergence, a refused registration, a server fault).
 *
 * <p>Jobs run on a {@link ThreadPoolExecutor} of {@code concurrency} threads with a bounded queue of
 * {@code queueCapacity}; a job beyond that is refused with {@link TrainingQueueFullException}. A
 * job's parallel work runs on training's own compute lane of {@code threads} threads
 * ({@link ComputeContext#lane}), never on the forecasting pool, so a job cannot take forecasting's
 * threads. A cancellation is checked before every shard of every mini-batch and between the blocks of
 * every evaluation pass, so it is honoured within about a second.
 *
 * <p>State lives in memory: every queued and running job plus the last {@code history} finished
 * ones; nothing survives a restart. {@link #close} (at context shutdown) cancels queued jobs, asks
 * running ones to stop at their next shard and waits up to {@code shutdownTimeout}; {@link #stop} does the
 * same at the very start of shutdown (before the web server drains its requests).
 * Thread-safe.
 */
public class TrainingJobService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobService.class);

    private final ModelFitter fitter;
    private final GapFiller gapFiller = new GapFiller();
    private final ModelRegistry registry;
    private final TrainingJobProperties properties;
    private final SeriesRules seriesRules;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    /** Training's own compute pool: forecasting keeps the shared one. */
    private final ComputeContext trainingCompute;
    private final TrainingJobListener listener;
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public TrainingJobService(ComputeContext compute, ModelRegistry registry, TrainingJobProperties properties) {
        this(compute, registry, properties, Clock.systemUTC(), TrainingJobListener.NONE);
    }

    /** @param listener told about every epoch and every finished job */
    public TrainingJobService(ComputeContext compute, ModelRegistry registry, TrainingJobProperties properties,
                              TrainingJobListener listener) {
        this(compute, registry, properties, Clock.systemUTC(), listener);
    }

    TrainingJobService(ComputeContext compute, ModelRegistry registry, TrainingJobProperties properties, Clock clock) {
        this(compute, registry, properties, clock, TrainingJobListener.NONE);
    }

    TrainingJobService(ComputeContext compute, ModelRegistry registry, TrainingJobProperties properties, Clock clock,
                       TrainingJobListener listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.trainingCompute = compute.lane(properties.threads(), "seqcast-training-compute");
        this.fitter = new ModelFitter(trainingCompute, gapFiller);
        this.registry = registry;
        this.properties = properties;
        this.seriesRules = new SeriesRules(new SeriesRules.Limits(
                new SeriesRules.Limit(properties.maxSeries(), "seqcast.training.max-series"),
                new SeriesRules.Limit(properties.maxPoints(), "seqcast.training.max-points"),
                new SeriesRules.Limit(properties.maxPoints(), "seqcast.training.max-points")), gapFiller);
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(properties.concurrency(), properties.concurrency(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()), threads(), new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "seqcast-training-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ------------------------------------------------------------------------------------------
    // Operations

    /**
     * Validates a training request and queues it.
     *
     * @param settings the request's choices; {@code null} fields take the defaults
     * @return the queued job
     * @throws io.seqcast.registry.InvalidModelNameException when the model name is not valid
     * @throws InvalidTrainingJobException when a field, a limit or a series is wrong (named in the message)
     * @throws TrainingQueueFullException when every slot and the whole queue are taken
     */
    public TrainingJobStatus submit(String modelName, List<SeriesData> series, TrainingSettings settings) {
        ModelNames.require("model name", modelName);
        FitConfig config = validate(modelName, series, settings == null ? TrainingSettings.defaults() : settings);
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), modelName, series, config, clock,
                this::execute, listener);
        synchronized (this) {
            if (closed) {
                throw new TrainingQueueFullException("the service is shutting down and takes no new training jobs",
                        properties.retryAfter());
            }
            jobs.put(job.id, job);
            try {
                executor.execute(job);
            } catch (RejectedExecutionException e) {
                jobs.remove(job.id);
                throw new TrainingQueueFullException("the training queue is full (" + properties.concurrency()
                        + " running, " + properties.queueCapacity() + " waiting); try again later",
                        properties.retryAfter());
            }
            evictFinished();
        }
        log.info("Training job {} queued for model '{}': {} series, {} {}x{}, window {}, horizon {}, {} epochs",
                job.id, modelName, series.size(), config.cell(), config.layers(), config.hidden(), config.window(),
                config.horizon(), config.epochs());
        return job.status();
    }

    /** @throws TrainingJobNotFoundException when no such job is known */
    public TrainingJobStatus get(String id) {
        return job(id).status();
    }

    /** Every known job, newest first: queued and running ones and the last finished ones. */
    public List<TrainingJobStatus> list() {
        return jobs.values().stream()
                .sorted(Comparator.comparing((TrainingJob j) -> j.submittedAt).reversed())
                .map(TrainingJob::status)
                .toList();
    }

    /** How many known jobs are in each state (finished ones: those still in the history). */
    public Map<TrainingJobState, Integer> countByState() {
        Map<TrainingJobState, Integer> counts = new java.util.EnumMap<>(TrainingJobState.class);
        for (TrainingJobState state : TrainingJobState.values()) {
            counts.put(state, 0);
        }
        for (TrainingJob job : jobs.values()) {
            counts.merge(job.state(), 1, Integer::sum);
        }
        return counts;
    }

    /** Jobs waiting for a free slot. */
    public int queueDepth() {
        return executor.getQueue().size();
    }

    /**
     * Cancels a job: a queued one at once (it never runs), a running one at its next optimisation step
     * (its state turns to cancelled shortly after). Cancelling a cancelled job changes nothing.
     *
     * @throws TrainingJobNotFoundException when no such job is known
     * @throws TrainingJobConflictException when the job already succeeded or failed
     */
    public TrainingJobStatus cancel(String id) {
        TrainingJob job = job(id);
        if (job.cancel("cancelled on request") == TrainingJob.CancelOutcome.CANCELLED) {
            executor.remove(job);
            log.info("Training job {} cancelled while queued", id);
        }
        return job.status();
    }

    private TrainingJob job(String id) {
        TrainingJob job = id == null ? null : jobs.get(id);
        if (job == null) {
            throw new TrainingJobNotFoundException(id);
        }
        return job;
    }

    /** Drops the oldest finished jobs beyond the history size. */
    private synchronized void evictFinished() {
        List<TrainingJob> finished = new ArrayList<>();
        for (TrainingJob job : jobs.values()) {
            if (job.state().finished()) {
                finished.add(job);
            }
        }
        int excess = finished.size() - properties.history();
        if (excess > 0) {
            finished.sort(Comparator.comparing(TrainingJob::finishedAt));
            for (int i = 0; i < excess; i++) {
                jobs.remove(finished.get(i).id);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Running a job (on an executor thread)

    private void execute(TrainingJob job) {
        if (!job.start()) {
            return; // cancelled while queued
        }
        log.info("Training job {} started", job.id);
        try {
            int seriesCount = job.series().size();
            // Bound to the job thread: evaluation passes and every pool task check the job's cancel flag.
            FitResult fit = Cancellation.when(job::cancelRequested)
                    .run(() -> fitter.fit(job.series(), job.config, job.listener()));
            if (job.cancelRequested()) {
                job.cancelled();
                log.info("Training job {} cancelled after training, before registering", job.id);
                return;
            }
            job.registering();
            byte[] weights = ModelWeights.toSafeTensors(fit.model(),
                    Map.of("seqcast_model", job.modelName, "seqcast_training_job", job.id));
            LoadedModel model = registry.register(job.modelName, weights, manifest(job, fit, seriesCount));
            job.succeeded(model.version());
            log.info("Training job {} succeeded: registered {} after {} epochs (+{} refit)", job.id, model.label(),
                    fit.training().epochs().size(), fit.refitEpochs());
        } catch (TrainingCancelledException | WorkCancelledException e) {
            job.cancelled();
            log.info("Training job {} cancelled: {}", job.id, e.getMessage());
        } catch (TrainingDivergedException | InvalidSeriesException | InvalidTimestampsException e) {
            job.failed(e.getMessage());
            log.warn("Training job {} failed: {}", job.id, e.getMessage());
        } catch (InvalidModelException e) {
            job.failed("the registry refused the trained model: " + e.getMessage());
            log.warn("Training job {}: the registry refused the trained model: {}", job.id, e.getMessage());
        } catch (RuntimeException e) {
            job.failed("internal error while training; the server log has the details under job id " + job.id);
            log.error("Training job {} failed", job.id, e);
        } catch (OutOfMemoryError e) {
            job.failed("the server ran out of memory while training; try fewer or shorter series, a smaller "
                    + "window, hidden size or batch size");
            log.error("Training job {} ran out of memory", job.id, e);
        } finally {
            evictFinished();
        }
    }

    /** The fitter's model card, named, with the job recorded in its training section. */
    private static ModelManifest manifest(TrainingJob job, FitResult fit, int seriesCount) {
        ModelManifest m = fit.manifest();
        Map<String, Object> training = new LinkedHashMap<>(m.training());
        training.put("trainingJob", job.id);
        return new ModelManifest(job.modelName, 0, m.format(), m.architecture(), m.preprocessing(), m.frequency(),
                training, m.data(), m.validation(), m.intervals(), m.createdAt(), null,
                "Trained by training job " + job.id + " on " + seriesCount + " series.");
    }

    // ------------------------------------------------------------------------------------------
    // Validation: everything that can be refused before queueing

    FitConfig validate(String modelName, List<SeriesData> series, TrainingSettings s) {
        String cell = s.cell() == null ? "GRU" : s.cell();
        try {
            cell = CellType.parse(cell).name();
        } catch (IllegalArgumentException e) {
            throw invalid("config.cell", "config.cell: " + e.getMessage());
        }
        int horizon = horizon(modelName, s.horizon());
        FitConfig d = FitConfig.defaults(horizon);
        int hidden = range("config.hidden", s.hidden(), d.hidden(), 1, properties.maxHidden(), "max-hidden");
        int layers = range("config.layers", s.layers(), d.layers(), 1, properties.maxLayers(), "max-layers");
        int window = s.window() == null || s.window() == 0 ? 0
                : range("config.window", s.window(), 0, 2, properties.maxWindow(), "max-window");
        int epochs = range("config.epochs", s.epochs(), Math.min(d.epochs(), properties.maxEpochs()), 1,
                properties.maxEpochs(), "max-epochs");
        int batchSize = range("config.batchSize", s.batchSize(), d.batchSize(), 1, properties.maxBatchSize(),
                "max-batch-size");
        int patience = range("config.patience", s.patience(), Math.min(d.patience(), epochs), 0,
                properties.maxEpochs(), "max-epochs");
        float learningRate = s.learningRate() == null ? d.learningRate() : s.learningRate();
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw invalid("config.learningRate", "config.learningRate must be in (0, 1], got " + learningRate);
        }
        double validationFraction = s.validationFraction() == null ? d.validationFraction() : s.validationFraction();
        if (!(validationFraction >= 0 && validationFraction < 0.9)) {
            throw invalid("config.validationFraction", "config.validationFraction must be in [0, 0.9), got "
                    + validationFraction);
        }
        String loss = s.loss() == null ? d.loss() : s.loss();
        try {
            Loss.parse(loss);
        } catch (IllegalArgumentException e) {
            throw invalid("config.loss", "config.loss: " + e.getMessage());
        }
        String frequency = s.frequency() == null || s.frequency().isBlank() ? null : s.frequency();
        if (frequency != null) {
            try {
                frequency = Frequency.parse(frequency).code();
            } catch (IllegalArgumentException e) {
                throw invalid("frequency", "frequency: " + e.getMessage());
            }
        }
        long seed = s.seed() == null ? d.seed() : s.seed();
        FitConfig config = fitConfig(d, cell, hidden, layers, window, horizon, epochs, batchSize, learningRate, loss,
                seed, validationFraction, patience, frequency);
        return validateSeries(series, config);
    }

    private int horizon(String modelName, Integer requested) {
        if (requested != null) {
            return range("horizon", requested, 0, 1, properties.maxHorizon(), "max-horizon");
        }
        try {
            return registry.resolve(ModelReference.parse(modelName)).manifest().architecture().horizon();
        } catch (ModelNotFoundException e) {
            throw invalid("horizon", "horizon is required: model '" + modelName
                    + "' has no version yet whose horizon a new one could keep");
        }
    }

    private FitConfig validateSeries(List<SeriesData> series, FitConfig config) {
        List<SeriesRules.Series> typed = new ArrayList<>(series == null ? 0 : series.size());
        if (series != null) {
            for (SeriesData s : series) {
                typed.add(new SeriesRules.Series(s.id(), s.values(), s.timestamps()));
            }
        }
        try {
            seriesRules.check(typed); // the checks /forecast and /backtest make, in the same words
        } catch (ProblemException e) {
            throw invalid(e.field(), e.getMessage());
        }
        Map<String, Integer> index = new HashMap<>();
        int shortest = 0;
        for (int i = 0; i < series.size(); i++) {
            SeriesData s = series.get(i);
            String field = "series[" + i + "]";
            index.put(s.id(), i);
            if (s.timestamps() != null && s.length() >= 2) {
                try {
                    TimeAxis.infer(s.timestamps());
                } catch (InvalidTimestampsException e) {
                    throw invalid(field + ".timestamps[" + e.index() + "]", field + ".timestamps: " + e.getMessage());
                }
            }
            if (s.length() < series.get(shortest).length()) {
                shortest = i;
            }
        }
        int horizon = config.horizon();
        SeriesData shortestSeries = series.get(shortest);
        if (config.window() > 0 && config.window() + horizon > shortestSeries.length()) {
            throw invalid("config.window", "config.window " + config.window() + " is longer than the data allows: "
                    + "with horizon " + horizon + " every series needs at least " + (config.window() + horizon)
                    + " points, but series[" + shortest + "] ('" + shortestSeries.id() + "') has "
                    + shortestSeries.length());
        }
        int window = check(series, index, config);
        if (window > properties.maxWindow()) {
            // Chosen from the data (an explicit window was range-checked): cap it at the limit.
            window = properties.maxWindow();
            config = withWindow(config, window);
            check(series, index, config);
        }
        for (int i = 0; i < series.size(); i++) {
            SeriesData s = series.get(i);
            if (s.length() < window + horizon) {
                throw invalid("series[" + i + "]", "series[" + i + "] ('" + s.id() + "') has " + s.length()
                        + " points but window " + window + " + horizon " + horizon + " need at least "
                        + (window + horizon));
            }
        }
        return withWindow(config, window);
    }

    /** {@link ModelFitter#check}, with its refusal turned into a field error. */
    private int check(List<SeriesData> series, Map<String, Integer> index, FitConfig config) {
        try {
            return fitter.check(series, config);
        } catch (InvalidSeriesException e) {
            int i = index.getOrDefault(e.seriesId(), 0);
            throw invalidSeries(i, series.get(i), e);
        } catch (InvalidTimestampsException e) {
            throw invalid("series", "series timestamps: " + e.getMessage());
        }
    }

    private static InvalidTrainingJobException invalidSeries(int i, SeriesData s, InvalidSeriesException e) {
        String prefix = "series '" + s.id() + "': ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return invalid("series[" + i + "]", "series[" + i + "] ('" + s.id() + "'): " + message);
    }

    private static int range(String field, Integer value, int fallback, int min, int max, String limit) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw invalid(field, field + " must be between " + min + " and " + max + ", got " + value
                    + (value > max ? " (the limit is seqcast.training." + limit + ")" : ""));
        }
        return value;
    }

    private static InvalidTrainingJobException invalid(String field, String detail) {
        return new InvalidTrainingJobException(field, detail);
    }

    private static FitConfig withWindow(FitConfig c, int window) {
        return fitConfig(c, c.cell(), c.hidden(), c.layers(), window, c.horizon(), c.epochs(), c.batchSize(),
                c.learningRate(), c.loss(), c.seed(), c.validationFraction(), c.patience(), c.frequency());
    }

    private static FitConfig fitConfig(FitConfig d, String cell, int hidden, int layers, int window, int horizon,
                                       int epochs, int batchSize, float learningRate, String loss, long seed,
                                       double validationFraction, int patience, String frequency) {
        return new FitConfig(cell, hidden, layers, window, horizon, epochs, batchSize, learningRate, loss, seed,
                validationFraction, patience, d.normalization(), d.scaler(), d.log1p(), d.seasonLength(), frequency,
                d.seasonalFeatures(), d.refit(), d.stride(), d.seasonalBaseline());
    }

    // ------------------------------------------------------------------------------------------
    // Shutdown

    /**
     * Stops taking jobs and cancels the queued and running ones (they end as cancelled at their next
     * shard, nothing is registered), without waiting. Called at the very start of shutdown, so training
     * stops while the web server drains its requests; {@link #close} waits for the jobs afterwards.
     */
    public void stop() {
        synchronized (this) {
            closed = true;
        }
        for (TrainingJob job : jobs.values()) {
            if (!job.state().finished()) {
                try {
                    job.cancel("cancelled because the service shut down");
                } catch (TrainingJobConflictException e) {
                    // it finished meanwhile
                }
            }
        }
        executor.shutdown();
    }

    /**
     * {@link #stop}, then waits up to {@code shutdownTimeout} for the running jobs and closes training's
     * compute pool.
     */
    @Override
    public void close() {
        stop();
        try {
            if (!executor.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Training jobs still running {} after shutdown began; leaving them behind",
                        properties.shutdownTimeout());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        } finally {
            trainingCompute.close();
        }
    }
}
