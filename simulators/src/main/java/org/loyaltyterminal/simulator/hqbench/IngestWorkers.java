package org.loyaltyterminal.simulator.hqbench;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.ingest.IngestSettings;
import org.loyaltyterminal.hq.ingest.IngestStats;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.hq.store.DatabaseSettings;
import org.loyaltyterminal.hq.store.JdbcEventStore;

/**
 * HQ's ingest workers in this process, as {@code hq-tool ingest} runs them: each an {@link Ingest}
 * with its own broker client, its own {@link JdbcEventStore} and its own connection pool, all in
 * one shared-subscription group on one database.
 */
final class IngestWorkers implements AutoCloseable {
    static final String GROUP = "hq-bench";
    /** A worker stores on one connection at a time; a second covers a reconnect's overlap. */
    static final int POOL_SIZE = 2;

    private final List<JdbcEventStore> stores = new ArrayList<>();
    private final List<Ingest> workers = new ArrayList<>();

    /** Opens one store per worker; the first creates the schema. */
    IngestWorkers(int count, DatabaseSettings database) {
        try {
            for (int i = 0; i < count; i++) {
                stores.add(JdbcEventStore.open(database.withPoolSize(POOL_SIZE), InstantSource.system()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int count() {
        return stores.size();
    }

    /** Starts every worker on the broker; they connect and subscribe on their own threads. */
    void start(String brokerUrl) {
        for (int i = 0; i < stores.size(); i++) {
            String id = GROUP + "-worker-" + (i + 1);
            Ingest worker = new Ingest(
                    IngestSettings.of(brokerUrl, GROUP, id),
                    stores.get(i),
                    events -> new PahoBrokerClient(brokerUrl, id, events),
                    new Random());
            workers.add(worker);
            worker.start();
        }
    }

    /** Whether every worker connected and subscribed within {@code timeout}. */
    boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!workers.stream().allMatch(Ingest::isConnected)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The workers' counters, summed. */
    IngestStats stats() {
        long batches = 0;
        long stored = 0;
        long duplicates = 0;
        long malformed = 0;
        long acks = 0;
        long conflicts = 0;
        long reconnects = 0;
        for (Ingest worker : workers) {
            IngestStats s = worker.stats();
            batches += s.batches();
            stored += s.eventsStored();
            duplicates += s.duplicates();
            malformed += s.malformed();
            acks += s.acksPublished();
            conflicts += s.conflicts();
            reconnects += s.reconnects();
        }
        return new IngestStats(batches, stored, duplicates, malformed, acks, conflicts, reconnects);
    }

    /** Transactions run again after a serialization failure or deadlock, over every worker's database. */
    long transactionRetries() {
        return stores.stream().mapToLong(s -> s.database().retries()).sum();
    }

    /** Stops the workers (staying in the group: the broker goes next) and closes their stores; again is harmless. */
    @Override
    public void close() {
        for (Ingest worker : workers) {
            worker.stop(Duration.ofSeconds(10));
        }
        workers.clear();
        for (JdbcEventStore store : stores) {
            store.close();
        }
        stores.clear();
    }
}
