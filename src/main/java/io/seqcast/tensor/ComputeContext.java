package io.seqcast.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The one compute context of a JVM, shared by every model, request and training job: the kernels
 * chosen at start-up, one bounded pool sized to the cores for batch-parallel work, and per-thread
 * {@link Workspace}s.
 *
 * <p>{@link #parallelFor} splits work into tasks that run on the pool while the calling thread runs
 * one of them itself, so a request thread never idles waiting; with many concurrent callers the pool
 * keeps the number of busy compute threads bounded by its size.
 */
public final class ComputeContext implements AutoCloseable {

    private final Kernels kernels;
    private final Kernels trainingKernels;
    private final int threads;
    private final ForkJoinPool pool;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /**
     * @param threads pool size; 0 or less means one per available processor
     */
    public ComputeContext(Kernels kernels, int threads) {
        this(kernels, kernels, threads);
    }

    /**
     * @param trainingKernels the kernels training runs on; they may differ from the serving ones
     *     because the best vector width differs by workload (see docs/benchmarks.md)
     * @param threads pool size; 0 or less means one per available processor
     */
    public ComputeContext(Kernels kernels, Kernels trainingKernels, int threads) {
        if (kernels == null || trainingKernels == null) {
            throw new IllegalArgumentException("kernels must be given");
        }
        this.kernels = kernels;
        this.trainingKernels = trainingKernels;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.pool = new ForkJoinPool(this.threads, p -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName("seqcast-compute-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        }, null, false);
    }

    /** The kernels of training's forward and backward passes. */
    public Kernels trainingKernels() {
        return trainingKernels;
    }

    public Kernels kernels() {
        return kernels;
    }

    /** Size of the compute pool: the most tasks that run at once. */
    public int threads() {
        return threads;
    }

    /** The calling thread's workspace. */
    public Workspace workspace() {
        return workspaces.get();
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, in parallel on the pool
     * (the caller takes task 0), and returns when all have finished. The first exception thrown by a
     * task is rethrown after the others have ended.
     */
    public void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || threads == 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        List<ForkJoinTask<?>> forked = new ArrayList<>(tasks - 1);
        for (int i = 1; i < tasks; i++) {
            int task = i;
            forked.add(pool.submit(() -> body.accept(task)));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> task : forked) {
            try {
                task.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
