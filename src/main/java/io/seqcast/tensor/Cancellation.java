package io.seqcast.tensor;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Cooperative cancellation of compute work: a deadline, a flag another thread may raise, or both.
 * Work checks it at natural seams (between series, between rolling-origin cuts, between training
 * shards) with {@link #check()} and stops with a {@link WorkCancelledException}; nothing is
 * interrupted.
 *
 * <p>A token is bound to the calling thread for the duration of {@link #run(Supplier)}; {@link
 * ComputeContext#parallelFor} carries the caller's token to the pool threads that run its tasks and
 * checks it before each task, so code below needs no extra parameter to be cancellable
 * ({@link #checkCurrent()}). Thread-safe.
 */
public final class Cancellation {

    /** Never cancelled: the token of work started outside any {@link #run} scope. */
    public static final Cancellation NONE = new Cancellation(Long.MAX_VALUE, () -> false);

    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final BooleanSupplier external;
    private volatile String reason;

    private Cancellation(long deadlineNanos, BooleanSupplier external) {
        this.deadlineNanos = deadlineNanos;
        this.external = external;
    }

    /** A token that expires {@code nanos} from now ({@link System#nanoTime()}). */
    public static Cancellation withTimeout(long nanos) {
        return new Cancellation(System.nanoTime() + Math.max(0, nanos), () -> false);
    }

    /** A token cancelled whenever {@code cancelled} says so (polled on each check), without deadline. */
    public static Cancellation when(BooleanSupplier cancelled) {
        return new Cancellation(Long.MAX_VALUE, cancelled);
    }

    /** The token bound to the calling thread, {@link #NONE} outside any scope. */
    public static Cancellation current() {
        Cancellation c = CURRENT.get();
        return c == null ? NONE : c;
    }

    /** {@link #check()} on the calling thread's token. */
    public static void checkCurrent() {
        Cancellation c = CURRENT.get();
        if (c != null) {
            c.check();
        }
    }

    /** Cancels the work; {@code reason} ends up in the exception's message. The first reason wins. */
    public void cancel(String reason) {
        if (this.reason == null) {
            this.reason = reason;
        }
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
    }

    public boolean cancelled() {
        return reason != null || expired() || external.getAsBoolean();
    }

    /** Nanoseconds until the deadline ({@link Long#MAX_VALUE} without one, 0 once passed). */
    public long remainingNanos() {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadlineNanos - System.nanoTime());
    }

    /** @throws WorkCancelledException when cancelled or past the deadline */
    public void check() {
        if (reason != null) {
            throw new WorkCancelledException(reason, false);
        }
        if (expired()) {
            throw new WorkCancelledException("the deadline passed", true);
        }
        if (external.getAsBoolean()) {
            throw new WorkCancelledException("cancelled", false);
        }
    }

    /** Runs {@code work} with this token bound to the calling thread (the previous one restored after). */
    public <T> T run(Supplier<T> work) {
        Cancellation previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
