package org.loyaltyterminal.hq.faults;

import java.time.Duration;
import java.util.Random;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.Ingest;
import org.loyaltyterminal.hq.ingest.IngestSettings;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.sync.testing.Await;

/** HQ ingest workers as hq-tool runs them, with a short reconnect backoff for tests. */
final class HqWorkers {
    static final String GROUP = "hq-ingest";

    private HqWorkers() {}

    /** Starts a worker of {@link #GROUP} connected directly to {@code brokerUrl} and waits until it is connected. */
    static Ingest start(String brokerUrl, EventStore store, String clientId, long seed) {
        Ingest ingest = new Ingest(
                new IngestSettings(brokerUrl, GROUP, clientId, Duration.ofMillis(100), Duration.ofSeconds(1)),
                store,
                events -> new PahoBrokerClient(brokerUrl, clientId, events),
                new Random(seed));
        ingest.start();
        try {
            Await.until(
                    "HQ ingest " + clientId + " connected to " + brokerUrl,
                    Duration.ofSeconds(90),
                    ingest::isConnected,
                    () -> ingest.stats().toString());
        } catch (AssertionError e) {
            ingest.close();
            throw e;
        }
        return ingest;
    }
}
