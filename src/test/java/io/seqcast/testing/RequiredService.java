package io.seqcast.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need a service from outside the JVM (PostgreSQL, Prometheus, Docker). In CI
 * ({@code CI=true}, which {@code .ci/run} sets and CI providers set) a missing service fails the test:
 * CI must not be green with such a test never run. Elsewhere the test is aborted through a JUnit
 * assumption and reported as skipped, with the reason.
 *
 * <p>Call it from {@code @BeforeEach} or the test itself, never from {@code @BeforeAll}: surefire
 * reports a class aborted in {@code @BeforeAll} as 0 tests, 0 skipped, so its skip would go unseen.
 */
public final class RequiredService {

    private RequiredService() {
    }

    /** Whether this run is CI's: the environment variable {@code CI} is {@code true}. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * @param missing why the service is missing, or {@code null} when it is there
     * @param how how to provide it (e.g. {@code source .ci/postgres.sh})
     */
    public static void require(String missing, String how) {
        if (missing == null) {
            return;
        }
        if (inCi()) {
            Assertions.fail("CI=true and " + missing + ": CI must provide it (" + how + ")");
        }
        Assumptions.abort("SKIPPED: " + missing + " (" + how + "; with CI=true this fails)");
    }
}
