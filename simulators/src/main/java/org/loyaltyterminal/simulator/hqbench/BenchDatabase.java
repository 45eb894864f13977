package org.loyaltyterminal.simulator.hqbench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.loyaltyterminal.hq.store.DatabaseSettings;

/**
 * The PostgreSQL database of one run: created on the server the admin URL names ({@code CREATE
 * DATABASE hq_bench_<random>}, so the login needs CREATEDB) and dropped at the end, and what
 * the benchmark asks of it with plain JDBC: its schema's copy for the floor, and the
 * exactly-once check.
 */
final class BenchDatabase implements AutoCloseable {
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Duration DROP_PATIENCE = Duration.ofSeconds(60);

    private final String adminUrl;
    private final String name;
    private final String url;

    private BenchDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = withDatabase(adminUrl, name);
    }

    /** Why the server cannot be used, or empty when it can. */
    static Optional<String> unreachable(String adminUrl) {
        try (Connection ignored = connect(adminUrl)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** "PostgreSQL 15.18 (Debian ...)", as the server says. */
    static String serverVersion(String adminUrl) {
        try (Connection c = connect(adminUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (SQLException e) {
            throw failure("reading the server's version", e);
        }
    }

    static BenchDatabase create(String adminUrl) {
        String name = "hq_bench_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection c = connect(adminUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw failure("creating database " + name + " (the login needs CREATEDB)", e);
        }
        return new BenchDatabase(adminUrl, name);
    }

    /** The JDBC URL of this run's database, with the admin URL's parameters (login) kept. */
    String url() {
        return url;
    }

    String name() {
        return name;
    }

    DatabaseSettings settings() {
        return new DatabaseSettings(url, Optional.empty(), Optional.empty(), DatabaseSettings.DEFAULT_POOL_SIZE);
    }

    /** An empty table shaped like HQ's {@code events} (keys and indexes too), for the floor. */
    void createFloorTable() {
        try (Connection c = connect(url);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + InsertFloor.TABLE);
            s.execute("CREATE TABLE " + InsertFloor.TABLE + " (LIKE events INCLUDING ALL)");
        } catch (SQLException e) {
            throw failure("creating the floor's table in " + name, e);
        }
    }

    void dropFloorTable() {
        try (Connection c = connect(url);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + InsertFloor.TABLE);
        } catch (SQLException e) {
            throw failure("dropping the floor's table in " + name, e);
        }
    }

    /** What the exactly-once check found. */
    record ExactlyOnce(long events, long expected, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    /**
     * Every till's events 1..{@code perTill} are stored, once (the key makes twice impossible),
     * unchanged (event id, member, points and stamps as the till wrote them), and contiguous as
     * HQ records it; no other events; and the members' accounts sum to exactly the points and
     * stamps of those events, so none was counted twice or left out.
     */
    ExactlyOnce checkExactlyOnce(BenchEvents events, long perTill) {
        List<String> problems = new ArrayList<>();
        long expected = (long) events.tills() * perTill;
        long expectedPoints = 0;
        long expectedStamps = 0;
        long[] seen = new long[events.tills()];
        long rows = 0;
        try (Connection c = connect(url)) {
            c.setAutoCommit(false); // a cursor: the rows stream instead of filling memory
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT terminal, seq, event_id, member, points, stamps FROM events ORDER BY terminal, seq")) {
                select.setFetchSize(10_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        String terminal = rs.getString(1);
                        long seq = rs.getLong(2);
                        int till = tillIndex(terminal, events.tills());
                        if (till < 0 || seq < 1 || seq > perTill) {
                            note(problems, "an event nobody sent: " + terminal + " seq " + seq);
                            continue;
                        }
                        BenchEvents.Event sent = events.event(till, seq);
                        if (!sent.eventId().equals(rs.getString(3))
                                || !sent.member().equals(rs.getString(4))
                                || sent.points() != rs.getLong(5)
                                || sent.stamps() != rs.getLong(6)) {
                            note(problems, terminal + " seq " + seq + " is stored with other content than sent");
                        }
                        seen[till]++;
                    }
                }
            }
            for (int till = 0; till < seen.length; till++) {
                if (seen[till] != perTill) {
                    note(problems, BenchEvents.terminal(till) + ": " + seen[till] + " events stored, not " + perTill);
                }
                for (long seq = 1; seq <= perTill; seq++) {
                    BenchEvents.Event e = events.event(till, seq);
                    expectedPoints += e.points();
                    expectedStamps += e.stamps();
                }
            }
            try (PreparedStatement select =
                            c.prepareStatement("SELECT terminal, contiguous FROM terminals ORDER BY terminal");
                    ResultSet rs = select.executeQuery()) {
                int terminals = 0;
                while (rs.next()) {
                    terminals++;
                    if (rs.getLong(2) != perTill) {
                        note(
                                problems,
                                rs.getString(1) + ": HQ's contiguous sequence is " + rs.getLong(2) + ", not "
                                        + perTill);
                    }
                }
                if (terminals != events.tills()) {
                    note(problems, terminals + " terminals known to HQ, not " + events.tills());
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                            "SELECT COALESCE(SUM(points), 0), COALESCE(SUM(stamps), 0) FROM accounts");
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != expectedPoints || rs.getLong(2) != expectedStamps) {
                    note(
                            problems,
                            "the accounts hold " + rs.getLong(1) + " points and " + rs.getLong(2)
                                    + " stamps; the events sent " + expectedPoints + " and " + expectedStamps);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("checking the events in " + name, e);
        }
        return new ExactlyOnce(rows, expected, problems);
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 10) {
            problems.add(problem);
        } else if (problems.size() == 10) {
            problems.add("(and more)");
        }
    }

    private static int tillIndex(String terminal, int tills) {
        String prefix = BenchEvents.terminal(0).substring(0, "till-".length());
        if (terminal == null || !terminal.startsWith(prefix)) {
            return -1;
        }
        try {
            int index = Integer.parseInt(terminal.substring(prefix.length()));
            return index < tills && BenchEvents.terminal(index).equals(terminal) ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Waits before the next attempt to drop; an interrupt ends the wait and keeps the interrupt. */
    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static BenchFailure failure(String what, SQLException e) {
        return new BenchFailure("PostgreSQL: " + what + " failed: " + e.getMessage(), e);
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "hq-bench");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The same URL naming another database: jdbc:postgresql://host:port/NAME?parameters. */
    static String withDatabase(String url, String name) {
        int hosts = url.indexOf("//");
        int path = url.indexOf('/', hosts + 2);
        int query = url.indexOf('?');
        String prefix = path < 0 || (query >= 0 && path > query)
                ? (query < 0 ? url : url.substring(0, query))
                : url.substring(0, path);
        return prefix + "/" + name + (query < 0 ? "" : url.substring(query));
    }

    /**
     * Drops the run's database, closing whatever connections of ours are left. An autovacuum
     * worker busy on it (likely after a run's inserts) is the server's, which a login without
     * superuser rights may not end: the drop is tried again until it is done, for a minute.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + DROP_PATIENCE.toNanos();
        while (true) {
            try (Connection c = connect(adminUrl);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw failure("dropping database " + name + " (drop it by hand: DROP DATABASE " + name + ")", e);
                }
                pause();
            }
        }
    }
}
