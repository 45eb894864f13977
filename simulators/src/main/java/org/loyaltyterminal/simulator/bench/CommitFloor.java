package org.loyaltyterminal.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;

/**
 * The floor under any scan-to-commit latency: one single-row INSERT committed with the store's
 * own durability settings (WAL, synchronous=FULL) on the same file system.
 */
final class CommitFloor {
    private CommitFloor() {}

    static Latencies measure(Path file, int commits) throws SQLException {
        Latencies latencies = new Latencies(commits);
        try (Connection c = SqliteLoyaltyStore.config().createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO floor (payload) VALUES (?)")) {
                for (int i = 0; i < commits; i++) {
                    long start = System.nanoTime();
                    insert.setString(1, "row " + i);
                    insert.executeUpdate();
                    c.commit();
                    latencies.add(System.nanoTime() - start);
                }
            }
        }
        return latencies;
    }
}
