package org.loyaltyterminal.hq.support;

import java.time.InstantSource;
import org.loyaltyterminal.hq.store.DatabaseSettings;
import org.loyaltyterminal.hq.store.JdbcEventStore;

/** One test's own database; closing it deletes a PostgreSQL one (a SQLite file goes with the test's folder). */
public final class TestDatabase implements AutoCloseable {
    private final TestDatabases.Kind kind;
    private final DatabaseSettings settings;
    private final Runnable drop;

    TestDatabase(TestDatabases.Kind kind, DatabaseSettings settings, Runnable drop) {
        this.kind = kind;
        this.settings = settings;
        this.drop = drop;
    }

    public TestDatabases.Kind kind() {
        return kind;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** A store with a pool of its own, as one ingest worker (or one host) has. */
    public JdbcEventStore open(InstantSource wall) {
        return JdbcEventStore.open(settings, wall);
    }

    @Override
    public void close() {
        drop.run();
    }

    @Override
    public String toString() {
        return kind + " " + settings;
    }
}
