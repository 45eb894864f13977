package org.loyaltyterminal.hq.store;

import java.nio.file.Path;
import java.util.Optional;
import org.loyaltyterminal.hq.HqException;

/**
 * Where HQ's database is and how to log in to it.
 *
 * @param url      {@code jdbc:sqlite:/path/hq.db} or {@code jdbc:postgresql://host:5432/db}
 * @param user     the login; empty for SQLite or when the URL names it
 * @param password the login's password; empty for SQLite or when the URL holds it
 * @param poolSize PostgreSQL connections this process opens at most; SQLite always uses one
 */
public record DatabaseSettings(String url, Optional<String> user, Optional<String> password, int poolSize) {
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int MAX_POOL_SIZE = 64;

    public DatabaseSettings {
        if (Dialect.ofUrl(url) == null) {
            throw new HqException("database " + redact(url)
                    + " is neither a jdbc:sqlite: nor a jdbc:postgresql: URL; give one, or a file path for SQLite");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new HqException("database pool size must be between 1 and " + MAX_POOL_SIZE + ", was " + poolSize);
        }
    }

    /** A JDBC URL, or a plain path, which means a SQLite file (created if missing). */
    public static DatabaseSettings of(String urlOrPath) {
        if (urlOrPath.startsWith("jdbc:")) {
            return new DatabaseSettings(urlOrPath, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE);
        }
        return sqlite(Path.of(urlOrPath));
    }

    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings(
                "jdbc:sqlite:" + file.toAbsolutePath(), Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE);
    }

    public DatabaseSettings withLogin(Optional<String> user, Optional<String> password) {
        return new DatabaseSettings(url, user, password, poolSize);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(url, user, password, size);
    }

    public Dialect dialect() {
        return Dialect.ofUrl(url);
    }

    /** The URL for messages and logs: without "jdbc:" and without its parameters, which may hold a password. */
    public String describe() {
        return redact(url);
    }

    /** Never the password. */
    @Override
    public String toString() {
        return describe() + user.map(u -> " as " + u).orElse("");
    }

    private static String redact(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        int query = plain.indexOf('?');
        return query < 0 ? plain : plain.substring(0, query);
    }
}
