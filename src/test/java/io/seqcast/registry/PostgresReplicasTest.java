package io.seqcast.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.SeqcastApplication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two service instances on one PostgreSQL database: a promote on A is served by B within a second
 * (NOTIFY/LISTEN; polling is set to a minute so it cannot be what delivers it), also after the
 * LISTEN connections were killed by the server.
 */
class PostgresReplicasTest {

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        String url = TestPostgres.jdbcUrl();
        a = start(url, "a");
        b = start(url, "b");
    }

    static ConfigurableApplicationContext start(String url, String id) {
        return new SpringApplicationBuilder(SeqcastApplication.class)
                .profiles("postgres")
                // As command-line arguments: they override application.yml (builder properties would not).
                .run("--spring.datasource.url=" + url,
                        "--server.port=0",
                        "--spring.application.name=seqcast-" + id,
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--seqcast.registry.poll-interval=60s",
                        "--seqcast.registry.seed-default=false",
                        "--seqcast.tensor.threads=1");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aPromoteOnOneInstanceIsServedByTheOtherWithinOneSecond() throws Exception {
        DefaultModelRegistry onA = a.getBean(DefaultModelRegistry.class);
        DefaultModelRegistry onB = b.getBean(DefaultModelRegistry.class);
        assertThat(onA.store()).isInstanceOf(PostgresModelStore.class);
        String name = "pg-" + UUID.randomUUID().toString().substring(0, 8);

        onA.register(name, TestModels.weights(), TestModels.manifest());
        onA.register(name, TestModels.scaledWeights(0.5f), TestModels.manifest());
        assertThat(waitUntil(() -> served(onB, name), 2)).isLessThan(Duration.ofSeconds(1));

        onA.setAlias(name, "production", 1);
        Duration promote = waitUntil(() -> served(onB, name), 1);
        onA.setAlias(name, "production", 2);
        Duration rollback = waitUntil(() -> served(onB, name), 2);
        assertThat(promote).isLessThan(Duration.ofSeconds(1));
        assertThat(rollback).isLessThan(Duration.ofSeconds(1));

        // The server drops the LISTEN connections: both reconnect (with backoff) and catch up.
        try (Connection c = DriverManager.getConnection(TestPostgres.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid() AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')");
        }
        PostgresModelStore storeB = (PostgresModelStore) onB.store();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Thread.sleep(200);
        while (!storeB.listening() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(storeB.listening()).as("B listens again").isTrue();
        onA.setAlias(name, "production", 1);
        Duration afterReconnect = waitUntil(() -> served(onB, name), 1);
        assertThat(afterReconnect).isLessThan(Duration.ofSeconds(1));
        System.out.printf("postgres replicas: first version %s, promote %s, rollback %s, after reconnect %s%n",
                "<1s", promote, rollback, afterReconnect);

        // B serves the same bytes A registered.
        assertThat(onB.resolve(ModelReference.parse(name + "@1")).manifest().sha256())
                .isEqualTo(onA.resolve(ModelReference.parse(name + "@1")).manifest().sha256());
    }

    private static int served(DefaultModelRegistry registry, String name) {
        try {
            return registry.resolve(ModelReference.parse(name)).version();
        } catch (ModelNotFoundException e) {
            return 0;
        }
    }

    /** Time until {@code actual} returns {@code expected}; fails after 5 s. */
    private static Duration waitUntil(IntSupplier actual, int expected) throws InterruptedException {
        long start = System.nanoTime();
        while (actual.getAsInt() != expected) {
            if (System.nanoTime() - start > Duration.ofSeconds(5).toNanos()) {
                throw new AssertionError("still serving " + actual.getAsInt() + " after 5 s, expected " + expected);
            }
            Thread.sleep(5);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
