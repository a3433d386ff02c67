package io.seqcast.registry;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/** When this JVM started: a temporary file last modified before it belongs to a process that is gone. */
final class ProcessStart {

    private ProcessStart() {
    }

    static Instant instant() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}
