package org.loyaltyterminal.simulator.hqbench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one {@code hq-bench} measures.
 *
 * @param tills         simulated tills, one MQTT connection each
 * @param eventsPerTill events each till sends for the throughput figure
 * @param batchEvents   events per batch for the throughput figure (and the floor)
 * @param backlog       events each till accumulates while away, for the reconnect storm
 * @param workers       ingest worker counts, one run each
 * @param database      PostgreSQL JDBC URL of a login that may create databases
 * @param mosquitto     the mosquitto executable
 * @param clientThreads threads carrying the tills' connections
 * @param ackTimeout    the tills' wait for HQ's acknowledgement before they send again (the agent's 30 s)
 * @param phaseTimeout  longest wait for one phase (connect, drain, storm)
 * @param dir           folder for the brokers' configuration and logs
 */
public record HqBenchSettings(
        int tills,
        long eventsPerTill,
        int batchEvents,
        long backlog,
        List<Integer> workers,
        String database,
        Path mosquitto,
        int clientThreads,
        Duration ackTimeout,
        Duration phaseTimeout,
        Path dir) {
    /** The agent's largest batch (SyncSettings.defaults()): a backlog goes in batches this size, or 96 KiB. */
    public static final int AGENT_MAX_BATCH_EVENTS = 500;

    public HqBenchSettings {
        workers = List.copyOf(workers);
    }
}
