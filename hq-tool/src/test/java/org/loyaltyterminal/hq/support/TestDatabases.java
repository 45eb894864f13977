package org.loyaltyterminal.hq.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;
import org.loyaltyterminal.hq.store.DatabaseSettings;
import org.loyaltyterminal.sync.testing.TestBrokers;

/**
 * The databases every HQ store test runs against: a SQLite file always, and a real PostgreSQL
 * server, each test on a database of its own ({@code CREATE DATABASE hq_test_<random>}, dropped
 * afterwards). The server is {@value #URL_VARIABLE}, by default {@value #DEFAULT_URL} (what
 * {@code .ci/run} sets up). When it cannot be reached the PostgreSQL half is skipped with a
 * message, except on CI ({@code CI=true}), where that fails the test. A JUnit 5 parameter source:
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#kinds")
 * void works(TestDatabases.Kind kind, @TempDir Path dir) {
 *     try (TestDatabase db = kind.create(dir); JdbcEventStore store = db.open(wall)) { ... }
 * }
 * }</pre>
 */
public final class TestDatabases {
    public static final String URL_VARIABLE = "LOYALTY_TEST_POSTGRES_URL";
    public static final String DEFAULT_URL =
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=loyalty_test&password=loyalty_test";

    private TestDatabases() {}

    public enum Kind {
        SQLITE {
            @Override
            public TestDatabase create(Path folder) {
                return new TestDatabase(this, DatabaseSettings.sqlite(folder.resolve("hq.db")), () -> {});
            }
        },
        POSTGRESQL {
            @Override
            public TestDatabase create(Path folder) {
                postgresUnavailable().ifPresent(Assumptions::abort);
                return createPostgres();
            }
        };

        /** A fresh, empty database of this kind (files, if any, under {@code folder}). */
        public abstract TestDatabase create(Path folder);
    }

    /** The parameter source: both kinds. */
    public static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    /** Every broker kind with every database kind: (TestBrokers.Kind, TestDatabases.Kind). */
    public static Stream<Arguments> withBrokers() {
        return TestBrokers.kinds().flatMap(broker -> kinds().map(database -> Arguments.of(broker, database)));
    }

    /** The server's URL for administration (creating and dropping the tests' databases). */
    public static String adminUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /**
     * Why PostgreSQL cannot be used here, or empty when it can.
     *
     * @throws IllegalStateException when it cannot and this is CI
     */
    public static Optional<String> postgresUnavailable() {
        try (Connection ignored = admin()) {
            return Optional.empty();
        } catch (SQLException e) {
            Map<String, String> env = System.getenv();
            String where = new DatabaseSettings(adminUrl(), Optional.empty(), Optional.empty(), 1).describe();
            if ("true".equalsIgnoreCase(env.getOrDefault("CI", ""))) {
                throw new IllegalStateException(
                        "CI=true but PostgreSQL at " + where + " cannot be used (" + e.getMessage()
                                + "): .ci/run must install and start it and create role loyalty_test (LOGIN CREATEDB)",
                        e);
            }
            return Optional.of("PostgreSQL at " + where + " cannot be used (" + e.getMessage() + "): the PostgreSQL"
                    + " half of this test is skipped; start a server with role loyalty_test (LOGIN CREATEDB,"
                    + " password loyalty_test) or set " + URL_VARIABLE);
        }
    }

    private static TestDatabase createPostgres() {
        String name = "hq_test_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE DATABASE " + name);
        return new TestDatabase(
                Kind.POSTGRESQL,
                new DatabaseSettings(withDatabase(adminUrl(), name), Optional.empty(), Optional.empty(), 4),
                () -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void execute(String sql) {
        try (Connection admin = admin();
                Statement s = admin.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + adminUrl() + ": " + e.getMessage(), e);
        }
    }

    private static Connection admin() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(adminUrl(), properties);
    }

    /** The same URL naming another database: jdbc:postgresql://host:port/NAME?parameters. */
    static String withDatabase(String url, String name) {
        int hosts = url.indexOf("//");
        int path = url.indexOf('/', hosts + 2);
        int query = url.indexOf('?');
        String prefix = path < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, path);
        return prefix + "/" + name + (query < 0 ? "" : url.substring(query));
    }
}
