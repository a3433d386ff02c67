package io.seqcast.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lanes keep their work on their own threads; cancellation travels with the work into the pool. */
class ComputeLaneTest {

    private final ComputeContext shared = new ComputeContext(KernelsProvider.select("scalar"), 2);
    private final ComputeContext lane = shared.lane(1, "test-lane");

    @AfterEach
    void close() {
        lane.close();
        shared.close();
    }

    @Test
    void workCalledOnALaneRunsEveryParallelTaskOnThatLaneEvenThroughTheSharedContext() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        lane.call(() -> {
            shared.parallelFor(16, i -> threads.add(Thread.currentThread().getName()));
            return null;
        });
        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("test-lane-"));
    }

    @Test
    void parallelTasksOfTheSharedContextRunOnItsPoolOrTheCaller() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        shared.parallelFor(64, i -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).noneMatch(name -> name.startsWith("test-lane-"));
    }

    @Test
    void aCancelledCallerStartsNoFurtherTasksAndEveryPoolTaskSeesItsToken() {
        AtomicInteger ran = new AtomicInteger();
        Cancellation token = Cancellation.withTimeout(0);
        assertThatThrownBy(() -> token.run(() -> {
            shared.parallelFor(64, i -> ran.incrementAndGet());
            return null;
        })).isInstanceOf(WorkCancelledException.class);
        assertThat(ran).hasValue(0);

        Set<Boolean> seen = ConcurrentHashMap.newKeySet();
        Cancellation open = Cancellation.when(() -> false);
        open.run(() -> {
            shared.parallelFor(8, i -> seen.add(Cancellation.current() == open));
            return null;
        });
        assertThat(seen).containsExactly(true);
    }

    @Test
    void aLaneRethrowsTheWorksOwnExceptionUnchanged() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad series");
        assertThatThrownBy(() -> lane.call(() -> {
            throw thrown;
        })).isSameAs(thrown);
    }
}
