package io.seqcast.registry;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versions in PostgreSQL (schema: Flyway {@code db/migration/V1__model_registry.sql}): weights as
 * {@code bytea}, manifests as {@code jsonb}, aliases in their own table. Every new version, alias
 * change and delete sends {@code NOTIFY seqcast_models, '<name>'} in its transaction (delivered on
 * commit). {@link #onChange} starts a daemon thread that {@code LISTEN}s on a dedicated connection
 * and reconnects with exponential backoff (100 ms to 5 s) when it drops, asking for a full refresh
 * after each reconnect (notifications sent while it was away are lost); polling stays the safety net.
 */
public final class PostgresModelStore implements ModelStore, AutoCloseable {

    public static final String CHANNEL = "seqcast_models";
    private static final Logger log = LoggerFactory.getLogger(PostgresModelStore.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final long PING_MILLIS = 5_000;

    private final DataSource dataSource;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean listening;
    private Thread listenerThread;

    public PostgresModelStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String describe() {
        return "PostgreSQL";
    }

    /** Whether the LISTEN connection is currently up (for tests and health). */
    public boolean listening() {
        return listening;
    }

    @Override
    public List<String> names() {
        return query("SELECT DISTINCT name FROM model_versions ORDER BY name", ps -> {
        }, rs -> rs.getString(1));
    }

    @Override
    public SortedSet<Integer> versions(String name) {
        ModelNames.require("model name", name);
        return new TreeSet<>(query("SELECT version FROM model_versions WHERE name = ?", ps -> ps.setString(1, name),
                rs -> rs.getInt(1)));
    }

    @Override
    public Map<String, Integer> aliases(String name) {
        ModelNames.require("model name", name);
        Map<String, Integer> aliases = new LinkedHashMap<>();
        try {
            query("SELECT alias, version FROM model_aliases WHERE name = ? ORDER BY alias", ps -> ps.setString(1, name),
                    rs -> aliases.put(rs.getString(1), rs.getInt(2)));
        } catch (IllegalStateException e) {
            // A failed query is not "no aliases": the registry keeps the last ones it read.
            throw new AliasStoreException("the aliases of model '" + name + "' cannot be read: " + e.getMessage(), e);
        }
        return aliases;
    }

    @Override
    public ModelManifest manifest(String name, int version) {
        ModelNames.require("model name", name);
        List<String> json = query("SELECT manifest::text FROM model_versions WHERE name = ? AND version = ?", ps -> {
            ps.setString(1, name);
            ps.setInt(2, version);
        }, rs -> rs.getString(1));
        if (json.isEmpty()) {
            throw new ModelNotFoundException("model " + name + " has no version " + version);
        }
        return ManifestJson.read(json.get(0).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] weights(String name, int version) {
        ModelNames.require("model name", name);
        List<byte[]> weights = query("SELECT weights FROM model_versions WHERE name = ? AND version = ?", ps -> {
            ps.setString(1, name);
            ps.setInt(2, version);
        }, rs -> rs.getBytes(1));
        if (weights.isEmpty()) {
            throw new ModelNotFoundException("model " + name + " has no version " + version);
        }
        return weights.get(0);
    }

    @Override
    public ModelManifest create(String name, byte[] weights, ModelManifest manifest) {
        ModelNames.require("model name", name);
        String sha256 = Sha256.hex(weights);
        return inTransaction(c -> {
            int version;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO models (name, next_version) VALUES (?, 2) "
                    + "ON CONFLICT (name) DO UPDATE SET next_version = models.next_version + 1 RETURNING next_version - 1")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            ModelManifest stored = manifest.withRegistration(name, version, sha256);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_versions (name, version, weights, manifest, sha256) "
                    + "VALUES (?, ?, ?, ?::jsonb, ?)")) {
                ps.setString(1, name);
                ps.setInt(2, version);
                ps.setBytes(3, weights);
                ps.setString(4, ManifestJson.writeString(stored));
                ps.setString(5, sha256);
                ps.executeUpdate();
            }
            notify(c, name);
            return stored;
        });
    }

    @Override
    public void setAlias(String name, String alias, int version) {
        ModelNames.require("model name", name);
        ModelNames.require("alias", alias);
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_aliases (name, alias, version) "
                    + "SELECT name, ?, version FROM model_versions WHERE name = ? AND version = ? "
                    + "ON CONFLICT (name, alias) DO UPDATE SET version = EXCLUDED.version, updated_at = now()")) {
                ps.setString(1, alias);
                ps.setString(2, name);
                ps.setInt(3, version);
                if (ps.executeUpdate() == 0) {
                    throw new ModelNotFoundException("model " + name + " has no version " + version);
                }
            }
            notify(c, name);
            return null;
        });
    }

    /** In one transaction: every alias deleted, the new ones inserted (each must name an existing version). */
    @Override
    public void replaceAliases(String name, Map<String, Integer> aliases) {
        ModelNames.require("model name", name);
        aliases.keySet().forEach(alias -> ModelNames.require("alias", alias));
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_aliases WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            for (Map.Entry<String, Integer> a : aliases.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_aliases (name, alias, version) "
                        + "SELECT name, ?, version FROM model_versions WHERE name = ? AND version = ?")) {
                    ps.setString(1, a.getKey());
                    ps.setString(2, name);
                    ps.setInt(3, a.getValue());
                    if (ps.executeUpdate() == 0) {
                        throw new ModelNotFoundException("model " + name + " has no version " + a.getValue());
                    }
                }
            }
            notify(c, name);
            return null;
        });
    }

    @Override
    public boolean removeAlias(String name, String alias) {
        ModelNames.require("model name", name);
        return inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_aliases WHERE name = ? AND alias = ?")) {
                ps.setString(1, name);
                ps.setString(2, alias);
                n = ps.executeUpdate();
            }
            notify(c, name);
            return n > 0;
        });
    }

    @Override
    public boolean deleteVersion(String name, int version) {
        ModelNames.require("model name", name);
        return inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_versions WHERE name = ? AND version = ?")) {
                ps.setString(1, name);
                ps.setInt(2, version);
                n = ps.executeUpdate();
            } catch (SQLException e) {
                if ("23503".equals(e.getSQLState())) { // foreign key: an alias points at it (set by another replica)
                    throw new ModelConflictException("version " + version + " of model '" + name + "' is aliased; "
                            + "move or delete the alias first");
                }
                throw e;
            }
            notify(c, name);
            return n > 0;
        });
    }

    private static void notify(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, name);
            ps.execute();
        }
    }

    // ------------------------------------------------------------------------------------------
    // LISTEN

    @Override
    public synchronized void onChange(Consumer<String> listener) {
        listeners.add(listener);
        if (listenerThread == null && !closed) {
            listenerThread = new Thread(this::listenLoop, "seqcast-registry-listen");
            listenerThread.setDaemon(true);
            listenerThread.start();
        }
    }

    private void listenLoop() {
        long backoff = MIN_BACKOFF.toMillis();
        boolean first = true;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                if (!first) {
                    log.info("Listening for registry changes again");
                    fire(null); // anything sent while we were away is lost: re-read everything
                }
                first = false;
                backoff = MIN_BACKOFF.toMillis();
                long lastPing = System.currentTimeMillis();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            fire(n.getParameter());
                        }
                    }
                    if (System.currentTimeMillis() - lastPing > PING_MILLIS) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SELECT 1"); // detects a silently dropped connection
                        }
                        lastPing = System.currentTimeMillis();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                first = false;
                if (closed) {
                    break;
                }
                log.warn("Registry LISTEN connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
        listening = false;
    }

    private void fire(String name) {
        String valid = name != null && ModelNames.isValid(name) ? name : null;
        for (Consumer<String> l : listeners) {
            try {
                l.accept(valid);
            } catch (RuntimeException e) {
                log.warn("Registry change listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (listenerThread != null) {
            listenerThread.interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------
    // JDBC helpers

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("registry query failed: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registry update failed: " + e.getMessage(), e);
        }
    }
}
