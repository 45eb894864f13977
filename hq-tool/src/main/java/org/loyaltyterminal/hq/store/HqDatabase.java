package org.loyaltyterminal.hq.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.loyaltyterminal.core.retry.Backoff;
import org.loyaltyterminal.hq.HqException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * HQ's database: one HikariCP pool, on SQLite (one connection, WAL, synchronous FULL: an
 * acknowledged event must survive a power cut; IMMEDIATE transactions, so writers sharing the
 * file queue on busy_timeout instead of failing on a lock upgrade) or PostgreSQL (a pool of
 * {@link DatabaseSettings#poolSize()}). Opening it migrates the schema with Flyway
 * ({@code db/migration/<dialect>}).
 */
public final class HqDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HqDatabase.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** Attempts of one transaction that keeps failing on a serialization failure, deadlock or BUSY. */
    static final int ATTEMPTS = 10;

    private static final Backoff RETRY = Backoff.doubling(Duration.ofMillis(5), Duration.ofMillis(500));

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final AtomicLong retries = new AtomicLong();

    /** One transaction's work on its connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private HqDatabase(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Connects, and creates or migrates the schema; fails with what is wrong and what to do. */
    public static HqDatabase open(DatabaseSettings settings) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(settings));
        } catch (RuntimeException e) { // HikariPool.PoolInitializationException: the first connection failed
            throw DatabaseErrors.failure(settings, "cannot connect", e);
        }
        try {
            Flyway.configure(HqDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .locations(settings.dialect().migrations())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw DatabaseErrors.migration(settings, e);
        }
        log.debug("database {} open", settings);
        return new HqDatabase(settings, pool);
    }

    private static HikariConfig config(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hq-database");
        config.setDriverClassName(settings.dialect().driverClass());
        config.setJdbcUrl(settings.url());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        switch (settings.dialect()) {
            case SQLITE -> {
                SQLiteConfig sqlite = new SQLiteConfig();
                sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
                sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
                sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
                sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
                sqlite.enforceForeignKeys(true);
                config.setDataSourceProperties(sqlite.toProperties());
                // One writer at a time is all SQLite has; a second connection would only wait.
                config.setMaximumPoolSize(1);
            }
            case POSTGRESQL -> {
                config.setMaximumPoolSize(settings.poolSize());
                config.setMinimumIdle(1);
                config.addDataSourceProperty("ApplicationName", "hq-tool");
            }
        }
        return config;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Transactions run again after a serialization failure, deadlock or BUSY, since opening. */
    public long retries() {
        return retries.get();
    }

    /**
     * Runs {@code work} in one transaction and commits it; on a serialization failure, deadlock
     * (PostgreSQL 40001, 40P01) or SQLite BUSY, rolls back and runs it again after a jittered
     * backoff, up to {@value #ATTEMPTS} times. Work must therefore compute its result afresh on
     * each run. Any other failure rolls back and becomes an {@link HqException} naming
     * {@code what} (a RuntimeException from the work passes unchanged).
     */
    public <T> T transaction(String what, Work<T> work) {
        return run(what, work, false);
    }

    /** {@link #transaction(String, Work)} for work a failure message need not name. */
    public <T> T transaction(Work<T> work) {
        return transaction("a transaction", work);
    }

    /**
     * As {@link #transaction} for reads that must see one consistent state across several
     * statements (PostgreSQL: REPEATABLE READ, read only; SQLite: its transaction).
     */
    public <T> T snapshot(String what, Work<T> work) {
        return run(what, work, true);
    }

    /** One statement's read on a connection in auto-commit: no transaction to hold. */
    public <T> T read(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw DatabaseErrors.failure(settings, what, e);
        }
    }

    private <T> T run(String what, Work<T> work, boolean readOnly) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                if (readOnly && dialect() == Dialect.POSTGRESQL) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    connection.setReadOnly(true);
                }
                connection.setAutoCommit(false); // SQLite: BEGIN IMMEDIATE, may wait busy_timeout
                try {
                    T result = work.run(connection);
                    commit(connection);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && dialect().retryable(e)) {
                    retries.incrementAndGet();
                    log.debug(
                            "database {}: {} attempt {} failed ({}); retrying",
                            settings,
                            what,
                            attempt,
                            e.getMessage());
                    pause(RETRY.delay(
                            attempt - 1, bound -> ThreadLocalRandom.current().nextLong(bound)));
                    continue;
                }
                throw DatabaseErrors.failure(settings, what, e);
            }
        }
    }

    /**
     * sqlite-jdbc's {@code commit()} begins the next IMMEDIATE transaction at once, so the
     * connection would take the file's write lock again (waiting for another writer, and failing
     * after busy_timeout though the work is committed) and hold it until it is back in the pool.
     * Leaving auto-commit mode commits without beginning another.
     */
    private void commit(Connection connection) throws SQLException {
        if (dialect() == Dialect.SQLITE) {
            connection.setAutoCommit(true);
        } else {
            connection.commit();
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HqException("database " + settings.describe() + ": interrupted while retrying a transaction", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
