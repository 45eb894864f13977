package org.loyaltyterminal.hq.store;

import java.sql.SQLException;

/** The two databases HQ runs on; the SQL is shared except for what this says. */
public enum Dialect {
    SQLITE("sqlite", "org.sqlite.JDBC", ""),
    POSTGRESQL("postgresql", "org.postgresql.Driver", " FOR UPDATE");

    /** SQLite's primary result code for a lock held too long by another connection. */
    private static final int SQLITE_BUSY = 5;

    private final String name;
    private final String driver;
    private final String forUpdate;

    Dialect(String name, String driver, String forUpdate) {
        this.name = name;
        this.driver = driver;
        this.forUpdate = forUpdate;
    }

    /** The dialect of a JDBC URL, or null when neither. */
    static Dialect ofUrl(String url) {
        for (Dialect dialect : values()) {
            if (url.startsWith("jdbc:" + dialect.name + ":")) {
                return dialect;
            }
        }
        return null;
    }

    String driverClass() {
        return driver;
    }

    /** Where Flyway finds this dialect's migrations. */
    String migrations() {
        return "classpath:db/migration/" + name;
    }

    /**
     * Appended to a SELECT that must lock the rows it reads until the commit. SQLite has no row
     * locks: its IMMEDIATE transactions take the database's write lock at BEGIN instead.
     */
    String forUpdate() {
        return forUpdate;
    }

    /**
     * Whether running the transaction again may succeed: PostgreSQL's serialization failure
     * (40001) and deadlock (40P01), which it resolves by failing one of the parties, and SQLite's
     * BUSY once busy_timeout ran out.
     */
    boolean retryable(SQLException e) {
        return switch (this) {
            case POSTGRESQL -> "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
            case SQLITE -> (e.getErrorCode() & 0xff) == SQLITE_BUSY;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
