package org.loyaltyterminal.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.outbox.OutboxEvent;
import org.loyaltyterminal.sync.wire.EventBatch;

/**
 * V2 gives events stored before it their visit from their JSON, and ingest fills the column from
 * then on: a visit id, else NULL (none, an empty one, not a string, a JSON text PostgreSQL could
 * not read, a NUL character).
 */
class VisitColumnMigrationTest {
    private static final Map<Integer, String> JSON = Map.of(
            1, "{\"type\":\"POINTS\",\"visit\":\"v-1\"}",
            2, "{\"type\":\"POINTS\",\"visit\":\"\"}",
            3, "{\"type\":\"POINTS\"}",
            4, "{\"type\":\"POINTS\",\"visit\":7}",
            5, "{\"type\":\"POINTS\",\"visit\":\"v-\\u0000\"}",
            6, "{\"type\":\"POINTS\",\"detail\":\"\\u0000\",\"visit\":\"v-6\"}",
            7, "{\"type\":\"POINTS\",\"visit\":\"v-\\u00e9\\\"7\"}");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#kinds")
    void eventsStoredBeforeV2TakeTheirVisitFromTheirJson(TestDatabases.Kind kind, @TempDir Path dir)
            throws SQLException {
        try (TestDatabase test = kind.create(dir)) {
            String url = test.settings().url();
            Flyway.configure(getClass().getClassLoader())
                    .dataSource(url, null, null)
                    .locations(
                            "classpath:db/migration/" + (kind == TestDatabases.Kind.SQLITE ? "sqlite" : "postgresql"))
                    .target("1")
                    .load()
                    .migrate();
            try (Connection c = DriverManager.getConnection(url);
                    PreparedStatement insert = c.prepareStatement("INSERT INTO events(terminal, seq, chain, store,"
                            + " points, stamps, json, received_at) VALUES ('t1', ?, 'c1', 's1', 0, 0, ?, ?)")) {
                for (Map.Entry<Integer, String> row : JSON.entrySet()) {
                    insert.setInt(1, row.getKey());
                    insert.setString(2, row.getValue());
                    insert.setString(3, "2026-03-01T10:00:00.000Z");
                    insert.executeUpdate();
                }
            }
            try (JdbcEventStore store = test.open(InstantSource.fixed(Instant.parse("2026-03-02T00:00:00Z")))) {
                Map<Long, String> visits = new TreeMap<>();
                store.database().read("test: reading visits", c -> {
                    try (PreparedStatement select = c.prepareStatement("SELECT seq, visit FROM events");
                            ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            visits.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                    return null;
                });
                Map<Long, String> expected = new TreeMap<>();
                expected.put(1L, "v-1");
                expected.put(2L, null); // empty
                expected.put(3L, null); // none
                expected.put(4L, null); // not a string
                expected.put(5L, null); // an escaped NUL: PostgreSQL cannot extract from such a text
                expected.put(6L, null); // nor here, though the visit itself is plain; SQLite leaves it too
                expected.put(7L, "v-\u00e9\"7");
                assertEquals(expected, visits);
                assertEquals(
                        List.of("events_chain_at", "events_enrolled", "events_member", "events_store_at"),
                        indexes(store.database(), kind));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#kinds")
    void ingestFillsTheVisitColumn(TestDatabases.Kind kind, @TempDir Path dir) {
        List<String> visits = List.of("\"v-1\"", "\"\"", "null", "7", "\"v-\\u0000\"", "\"v-\\u00e9\"");
        List<OutboxEvent> events = new ArrayList<>();
        for (int i = 0; i < visits.size(); i++) {
            events.add(new OutboxEvent(
                    i + 1,
                    "{\"seq\":" + (i + 1) + ",\"terminal\":\"t1\",\"type\":\"POINTS\",\"member\":\"m-1\","
                            + "\"points\":1,\"wallTime\":\"2026-03-01T10:00:00Z\",\"visit\":" + visits.get(i) + "}"));
        }
        try (TestDatabase test = kind.create(dir);
                JdbcEventStore store = test.open(InstantSource.fixed(Instant.parse("2026-03-02T00:00:00Z")))) {
            store.store(new Topics("c1", "s1", "t1"), new EventBatch("t1", "boot-1", 1, events));
            Map<Long, String> stored = new TreeMap<>();
            store.database().read("test: reading visits", c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT seq, visit FROM events");
                        ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getLong(1), rs.getString(2));
                    }
                }
                return null;
            });
            Map<Long, String> expected = new TreeMap<>();
            expected.put(1L, "v-1");
            expected.put(2L, null);
            expected.put(3L, null);
            expected.put(4L, null);
            expected.put(5L, null); // a NUL, which PostgreSQL cannot store: the event goes in without it
            expected.put(6L, "v-\u00e9");
            assertEquals(expected, stored);
        }
    }

    private static List<String> indexes(HqDatabase db, TestDatabases.Kind kind) {
        String sql = kind == TestDatabases.Kind.SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
                        + " AND name NOT LIKE 'sqlite_%' ORDER BY name"
                : "SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND indexname <> 'events_pkey'"
                        + " ORDER BY indexname";
        return db.read("test: reading indexes", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(sql);
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }
}
