package io.seqcast.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The one compute context of a JVM, shared by every model, request and training job: the kernels
 * chosen at start-up, one bounded pool sized to the cores for batch-parallel work, and per-thread
 * {@link Workspace}s.
 *
 * <p>{@link #parallelFor} splits work into tasks that run on the pool while the calling thread runs
 * one of them itself, so a request thread never idles waiting; with many concurrent callers the pool
 * keeps the number of busy compute threads bounded by its size.
 *
 * <p>Lanes: {@link #lane} makes a sibling context with the same kernels and a pool of its own, for
 * work that must not take this pool's threads (training jobs, the selection work of large requests).
 * Work started on a lane's thread ({@link #call}) stays on that lane: every {@link #parallelFor} it
 * reaches, through any context object, forks into the lane's pool, so a lane of {@code n} threads
 * keeps at most {@code n} threads busy however many callers wait on it.
 *
 * <p>Cancellation: {@link #parallelFor} checks the caller's {@link Cancellation} before each task and
 * binds it on the threads that run the tasks.
 */
public final class ComputeContext implements AutoCloseable {

    private final Kernels kernels;
    private final Kernels trainingKernels;
    private final int threads;
    private final ForkJoinPool pool;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /** A pool thread that knows its context, so work running on it stays in its lane. */
    private static final class LaneThread extends ForkJoinWorkerThread {
        final ComputeContext lane;

        LaneThread(ForkJoinPool pool, ComputeContext lane) {
            super(pool);
            this.lane = lane;
        }
    }

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
        this(kernels, trainingKernels, threads, "seqcast-compute-");
    }

    private ComputeContext(Kernels kernels, Kernels trainingKernels, int threads, String threadPrefix) {
        if (kernels == null || trainingKernels == null) {
            throw new IllegalArgumentException("kernels must be given");
        }
        this.kernels = kernels;
        this.trainingKernels = trainingKernels;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.pool = new ForkJoinPool(this.threads, p -> {
            LaneThread thread = new LaneThread(p, this);
            thread.setName(threadPrefix + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        }, null, false);
    }

    /**
     * A sibling context: the same kernels, a pool of its own of {@code threads} threads (0 or less:
     * one per processor) named {@code name-N}. The caller closes it.
     */
    public ComputeContext lane(int threads, String name) {
        return new ComputeContext(kernels, trainingKernels, threads, name + "-");
    }

    /**
     * Runs {@code work} on a thread of this context's pool and waits for it: everything it computes
     * stays on this pool (see the class comment). The caller's {@link Cancellation} goes along and is
     * checked before the work starts (a request that waited past its deadline does not start).
     * Exceptions of the work are rethrown as they are.
     */
    public <T> T call(Supplier<T> work) {
        Cancellation token = Cancellation.current();
        Object[] outcome = new Object[1];
        Throwable[] failure = new Throwable[1];
        // The work's own exception is kept and rethrown as it is (a join would rethrow a copy).
        pool.submit(() -> token.run(() -> {
            try {
                token.check();
                outcome[0] = work.get();
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
            return null;
        })).join();
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
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

    /** Pool threads running a task now (an estimate, as {@link ForkJoinPool#getActiveThreadCount()}). */
    public int activeThreads() {
        return pool.getActiveThreadCount();
    }

    /** The calling thread's workspace. */
    public Workspace workspace() {
        return workspaces.get();
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, in parallel on the pool
     * (the caller takes task 0), and returns when all have finished. The first exception thrown by a
     * task is rethrown after the others have ended. Called on a lane's thread, the tasks go to that
     * lane's pool. The caller's {@link Cancellation} is checked before each task: once it is
     * cancelled, the tasks not yet started end at once with a {@link WorkCancelledException}.
     */
    public void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        Cancellation token = Cancellation.current();
        ComputeContext lane = Thread.currentThread() instanceof LaneThread t ? t.lane : this;
        if (tasks == 1 || lane.threads == 1) {
            for (int i = 0; i < tasks; i++) {
                token.check();
                body.accept(i);
            }
            return;
        }
        List<ForkJoinTask<?>> forked = new ArrayList<>(tasks - 1);
        for (int i = 1; i < tasks; i++) {
            int task = i;
            forked.add(lane.pool.submit(() -> token.run(() -> {
                token.check();
                body.accept(task);
                return null;
            })));
        }
        RuntimeException failure = null;
        try {
            token.check();
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
