package io.seqcast.training;

import io.seqcast.series.Windows;
import io.seqcast.nn.Activations;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.tensor.ComputeContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits a {@link SeqToOneModel} to windows with mini-batch Adam/AdamW, backpropagation through time,
 * optional gradient clipping, a warm-up and cosine learning-rate schedule and early stopping on
 * validation windows; the best weights are kept. A listener may also stop a run gracefully between
 * epochs ({@link TrainingListener#stopRequested()}), with the same outcome as early stopping. A
 * cancellation ({@link TrainingListener#cancelled()}) is checked before every shard of every mini-batch.
 *
 * <p>Data parallel on the shared compute pool: each mini-batch is cut into shards of
 * {@value #SHARD_ROWS} windows, each shard runs forward and backward into its own gradient buffer,
 * and the shard gradients are summed in shard order. Because the shards do not depend on the pool
 * size, a run gives bit-identical weights whatever the number of threads (same seed, same backend,
 * same JVM). Different backends differ by float rounding only.
 *
 * <p>Not thread-safe; one trainer per training run. Buffers are allocated once per run, not per step.
 */
public final class Trainer {

    /** Windows per shard of a mini-batch: the unit of parallel work and of summation order. */
    public static final int SHARD_ROWS = 16;

    private final ComputeContext compute;

    public Trainer(ComputeContext compute) {
        this.compute = compute;
    }

    /**
     * Trains {@code model} in place (its current weights are the starting point).
     *
     * @param validation windows for early stopping and model selection; may be empty
     */
    public TrainingResult fit(SeqToOneModel model, Windows train, Windows validation,
                              TrainingOptions options, TrainingListener listener) {
        checkShapes(model, train, "training");
        checkShapes(model, validation, "validation");
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training windows");
        }
        int batchSize = Math.min(options.batchSize(), train.count());
        int shards = (batchSize + SHARD_ROWS - 1) / SHARD_ROWS;
        int paramCount = model.layout().size();
        Shard[] work = new Shard[shards];
        for (int s = 0; s < shards; s++) {
            work[s] = new Shard(paramCount, SHARD_ROWS, train.inputSize(), train.horizon());
        }
        float[] grads = new float[paramCount];
        float[] params = model.parameters();
        float[] best = params.clone();
        AdamOptimizer optimizer = new AdamOptimizer(paramCount, 0.9f, 0.999f, 1e-8f, options.weightDecay(),
                options.weightDecay() > 0);
        int stepsPerEpoch = (train.count() + batchSize - 1) / batchSize;
        LearningRateSchedule schedule = new LearningRateSchedule(options.learningRate(), options.warmupSteps(),
                Math.max(1, stepsPerEpoch * options.epochs()), options.finalLearningRateFraction());
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] order = new int[train.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<EpochReport> reports = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        int step = 0;
        boolean validate = !validation.isEmpty();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, random);
            double lossSum = 0;
            float lr = schedule.rate(step);
            for (int first = 0; first < train.count(); first += batchSize) {
                if (listener.cancelled()) {
                    throw new TrainingCancelledException(epoch);
                }
                int rows = Math.min(batchSize, train.count() - first);
                lossSum += gradients(model, train, order, first, rows, options.loss(), work, grads, listener, epoch);
                if (options.clipNorm() > 0) {
                    AdamOptimizer.clipGlobalNorm(grads, paramCount, options.clipNorm());
                }
                lr = schedule.rate(step);
                optimizer.step(params, grads, lr);
                step++;
            }
            double trainLoss = lossSum / stepsPerEpoch;
            if (!Double.isFinite(trainLoss)) {
                throw new TrainingDivergedException(epoch, trainLoss);
            }
            double validationLoss = validate ? evaluate(model, validation, options.loss()) : Double.NaN;
            EpochReport report = new EpochReport(epoch, trainLoss, validationLoss, lr, System.nanoTime() - start);
            reports.add(report);
            listener.onEpoch(report);
            double score = validate ? validationLoss : trainLoss;
            if (score < bestLoss) {
                bestLoss = score;
                bestEpoch = epoch;
                sinceBest = 0;
                System.arraycopy(params, 0, best, 0, paramCount);
            } else if (validate && options.patience() > 0 && ++sinceBest >= options.patience()) {
                stoppedEarly = true;
                break;
            }
            if (epoch < options.epochs() && listener.stopRequested()) {
                stoppedEarly = true;
                break;
            }
        }
        if (validate) {
            System.arraycopy(best, 0, params, 0, paramCount);
        } else {
            bestEpoch = reports.size();
        }
        return new TrainingResult(reports, bestEpoch, validate ? bestLoss : Double.NaN, stoppedEarly, step);
    }

    /**
     * Mean loss of the model on {@code windows} (forward only, batched on the compute pool).
     */
    public double evaluate(SeqToOneModel model, Windows windows, Loss loss) {
        if (windows.isEmpty()) {
            return Double.NaN;
        }
        float[] out = new float[windows.count() * windows.horizon()];
        model.predict(compute, windows.inputs(), windows.count(), windows.steps(), out);
        float[] scratch = new float[out.length];
        return loss.evaluate(out, 0, windows.targets(), 0, out.length, scratch, 0);
    }

    /** Fills {@code grads} with the mini-batch gradient; returns the mini-batch loss. */
    private double gradients(SeqToOneModel model, Windows data, int[] order, int first, int rows, Loss loss,
                             Shard[] work, float[] grads, TrainingListener listener, int epoch) {
        int shards = (rows + SHARD_ROWS - 1) / SHARD_ROWS;
        int in = data.inputSize();
        int horizon = data.horizon();
        int total = rows * horizon;
        compute.parallelFor(shards, s -> {
            // Checked per shard, not only per mini-batch: a large batch on a busy machine takes seconds.
            if (listener.cancelled()) {
                throw new TrainingCancelledException(epoch);
            }
            Shard shard = work[s];
            int r0 = s * SHARD_ROWS;
            int n = Math.min(SHARD_ROWS, rows - r0);
            for (int r = 0; r < n; r++) {
                int w = order[first + r0 + r];
                System.arraycopy(data.inputs(), w * in, shard.input, r * in, in);
                System.arraycopy(data.targets(), w * horizon, shard.target, r * horizon, horizon);
            }
            model.forward(compute.trainingKernels(), shard.act, true, shard.input, 0, n, data.steps(), null, null, shard.out, 0);
            int count = n * horizon;
            // The shard's mean loss, re-weighted so that the shard gradients sum to the batch mean's.
            shard.loss = loss.evaluate(shard.out, 0, shard.target, 0, count, shard.dOut, 0) * count / total;
            float weight = (float) count / total;
            for (int i = 0; i < count; i++) {
                shard.dOut[i] *= weight;
            }
            Arrays.fill(shard.grads, 0f);
            model.backward(compute.trainingKernels(), shard.act, shard.dOut, 0, shard.grads, null, 0);
        });
        // Fixed summation order (shard 0, 1, ...): the result does not depend on the thread count.
        System.arraycopy(work[0].grads, 0, grads, 0, grads.length);
        double batchLoss = work[0].loss;
        for (int s = 1; s < shards; s++) {
            compute.trainingKernels().axpy(grads.length, 1f, work[s].grads, 0, grads, 0);
            batchLoss += work[s].loss;
        }
        return batchLoss;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void checkShapes(SeqToOneModel model, Windows windows, String what) {
        var spec = model.spec();
        if (windows.features() != spec.inputSize() || windows.horizon() != spec.horizon()) {
            throw new IllegalArgumentException(what + " windows have " + windows.features() + " features and horizon "
                    + windows.horizon() + " but the model takes " + spec.inputSize() + " and predicts " + spec.horizon());
        }
    }

    /** One shard's buffers, reused for every mini-batch of the run. */
    private static final class Shard {
        final Activations act = new Activations();
        final float[] grads;     // (parameters)
        final float[] input;     // (rows, steps, features)
        final float[] target;    // (rows, horizon)
        final float[] out;       // (rows, horizon)
        final float[] dOut;      // (rows, horizon)
        double loss;

        Shard(int params, int rows, int inputSize, int horizon) {
            grads = new float[params];
            input = new float[rows * inputSize];
            target = new float[rows * horizon];
            out = new float[rows * horizon];
            dOut = new float[rows * horizon];
        }
    }
}
