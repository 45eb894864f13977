package org.loyaltyterminal.simulator.hqbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The floor under HQ's ingest: the same events, in the same batches, inserted into a copy of
 * HQ's {@code events} table (its key and indexes) by plain JDBC, one batched {@code INSERT ... ON
 * CONFLICT DO NOTHING} and one commit per batch, on as many connections as there are workers.
 * No MQTT, no JSON parsing, no contiguous sequence, no accounts, no acknowledgement: what the
 * database alone costs. The events are built, and a few batches inserted and truncated again,
 * before the clock starts.
 */
final class InsertFloor {
    static final String TABLE = "floor_events";
    private static final int WARM_UP_BATCHES = 200;

    private static final String INSERT = "INSERT INTO " + TABLE
            + "(terminal, seq, chain, store, event_id, type, member, campaign, points, stamps, json, wall_time,"
            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (terminal, seq) DO NOTHING";

    record Result(long events, int batches, int connections, Duration elapsed) {
        double perSecond() {
            return events / (elapsed.toNanos() / 1e9);
        }
    }

    private InsertFloor() {}

    /**
     * Inserts every till's events 1..{@code perTill} in batches of {@code perBatch}, the batches of
     * all tills interleaved as they reach HQ, taken in turn by {@code connections} threads.
     */
    static Result measure(String url, int connections, BenchEvents events, long perTill, int perBatch)
            throws InterruptedException {
        List<List<BenchEvents.Event>> batches = batches(events, perTill, perBatch);
        // Warm up (the JIT, the driver's prepared statement, the table's first pages), then start empty.
        insertAll(url, connections, batches.subList(0, Math.min(batches.size(), WARM_UP_BATCHES)));
        try (Connection c = BenchDatabase.connect(url);
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + TABLE);
        } catch (SQLException e) {
            throw BenchDatabase.failure("emptying the floor's table after its warm-up", e);
        }
        Duration elapsed = insertAll(url, connections, batches);
        long total = batches.stream().mapToLong(List::size).sum();
        return new Result(total, batches.size(), connections, elapsed);
    }

    /** Inserts the batches on {@code connections} threads taking them in turn; the time from start to the last commit. */
    private static Duration insertAll(String url, int connections, List<List<BenchEvents.Event>> batches)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(connections);
        String receivedAt = Instant.now().toString();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            threads.add(Thread.ofPlatform().name("hq-bench-floor-" + (i + 1)).start(() -> {
                boolean counted = false;
                try (Connection c = BenchDatabase.connect(url)) {
                    c.setAutoCommit(false);
                    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                        ready.countDown();
                        counted = true;
                        go.await();
                        for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                            insert(insert, batches.get(b), receivedAt);
                            c.commit();
                        }
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (!counted) {
                        ready.countDown();
                    }
                    done.countDown();
                }
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long elapsed = System.nanoTime() - start;
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw BenchDatabase.failure("the floor's inserts", failure.get());
        }
        return Duration.ofNanos(elapsed);
    }

    private static void insert(PreparedStatement insert, List<BenchEvents.Event> batch, String receivedAt)
            throws SQLException {
        for (BenchEvents.Event e : batch) {
            insert.setString(1, e.terminal());
            insert.setLong(2, e.seq());
            insert.setString(3, BenchEvents.CHAIN);
            insert.setString(4, BenchEvents.store(e.till()));
            insert.setString(5, e.eventId());
            insert.setString(6, e.type());
            insert.setString(7, e.member());
            insert.setString(8, e.campaign());
            insert.setLong(9, e.points());
            insert.setLong(10, e.stamps());
            insert.setString(11, e.json());
            insert.setString(12, e.wallTime());
            insert.setString(13, receivedAt);
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** Batch k of every till, then batch k+1 of every till: the order a fleet's batches reach HQ in. */
    private static List<List<BenchEvents.Event>> batches(BenchEvents events, long perTill, int perBatch) {
        List<List<BenchEvents.Event>> batches = new ArrayList<>();
        for (long first = 1; first <= perTill; first += perBatch) {
            long last = Math.min(perTill, first + perBatch - 1);
            for (int till = 0; till < events.tills(); till++) {
                List<BenchEvents.Event> batch = new ArrayList<>((int) (last - first + 1));
                for (long seq = first; seq <= last; seq++) {
                    batch.add(events.event(till, seq));
                }
                batches.add(batch);
            }
        }
        return batches;
    }
}
