package org.loyaltyterminal.terminal.daemon;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own on the local PostgreSQL server for one test ({@code CREATE DATABASE
 * hq_it_<random>}, dropped with {@code close}), as hq-tool's {@code TestDatabases} makes them: the
 * server is {@value #URL_VARIABLE}, by default {@value #DEFAULT_URL} (what {@code .ci/run} sets
 * up). Unreachable, the test is skipped with a message, except on CI ({@code CI=true}), where
 * that fails it.
 */
final class FreshPostgres implements AutoCloseable {
    static final String URL_VARIABLE = "LOYALTY_TEST_POSTGRES_URL";
    static final String DEFAULT_URL =
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=loyalty_test&password=loyalty_test";

    private final String name;
    private final String url;

    private FreshPostgres(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** A fresh, empty database; aborts the test when there is no server (fails it on CI). */
    static FreshPostgres create() {
        try (Connection ignored = admin()) {
            // reachable
        } catch (SQLException e) {
            String why = "PostgreSQL at " + withoutParameters(adminUrl()) + " cannot be used (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv().getOrDefault("CI", ""))) {
                throw new IllegalStateException(
                        "CI=true but " + why + ": .ci/run must start it and create role loyalty_test (LOGIN CREATEDB)",
                        e);
            }
            Assumptions.abort(why + ": skipped; start a server with role loyalty_test (LOGIN CREATEDB, password"
                    + " loyalty_test) or set " + URL_VARIABLE);
        }
        String name = "hq_it_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE DATABASE " + name);
        return new FreshPostgres(name, withDatabase(adminUrl(), name));
    }

    /** The JDBC URL of this database, login included (as the server's URL gives it). */
    String url() {
        return url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String adminUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    private static void execute(String sql) {
        try (Connection admin = admin();
                Statement s = admin.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    sql + " failed on " + withoutParameters(adminUrl()) + ": " + e.getMessage(), e);
        }
    }

    private static Connection admin() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(adminUrl(), properties);
    }

    /** The URL without its parameters, which may hold a password. */
    private static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The same URL naming another database: jdbc:postgresql://host:port/NAME?parameters. */
    private static String withDatabase(String url, String name) {
        int hosts = url.indexOf("//");
        int path = url.indexOf('/', hosts + 2);
        int query = url.indexOf('?');
        String prefix = path < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, path);
        return prefix + "/" + name + (query < 0 ? "" : url.substring(query));
    }
}
