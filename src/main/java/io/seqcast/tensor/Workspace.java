package io.seqcast.tensor;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reusable scratch state owned by one thread: objects such as a model's activation buffers are
 * created on first use and kept for the thread's next pass, so a warmed-up thread allocates nothing
 * per request or per time step. Obtained from {@link ComputeContext#workspace()}; never shared
 * between threads.
 */
public final class Workspace {

    private final Map<Class<?>, Object> scratch = new HashMap<>();

    Workspace() {
    }

    /** The thread's instance of {@code type}, created with {@code factory} the first time. */
    public <T> T get(Class<T> type, Supplier<? extends T> factory) {
        Object value = scratch.get(type);
        if (value == null) {
            value = factory.get();
            scratch.put(type, value);
        }
        return type.cast(value);
    }
}
