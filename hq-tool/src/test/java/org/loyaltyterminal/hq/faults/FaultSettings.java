package org.loyaltyterminal.hq.faults;

import java.time.Duration;
import org.loyaltyterminal.sync.agent.SyncSettings;

/** Agent timings scaled down from the daemon's (15 s PUBACK, 30 s .. 5 min HQ ack, 1 s .. 2 min backoff). */
final class FaultSettings {
    private FaultSettings() {}

    /**
     * @param eventsPerBatch small batches keep many publishes in flight when a fault hits
     * @param puback         no PUBACK for this long tears the link down
     * @param ack            no HQ acknowledgement for this long: send again, doubling up to {@code maxAck}
     */
    static SyncSettings agent(int eventsPerBatch, Duration puback, Duration ack, Duration maxAck) {
        return new SyncSettings(
                eventsPerBatch,
                96 * 1024,
                32,
                puback,
                ack,
                maxAck,
                Duration.ofMillis(50),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                1024 * 1024,
                8);
    }
}
