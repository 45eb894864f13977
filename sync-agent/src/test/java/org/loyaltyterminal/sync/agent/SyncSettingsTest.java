package org.loyaltyterminal.sync.agent;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.testing.WitherChecks;

class SyncSettingsTest {
    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        SyncSettings d = SyncSettings.defaults();
        Duration puback = Duration.ofSeconds(10);
        Duration ack = Duration.ofMinutes(1);
        Duration aboveCeiling = Duration.ofMinutes(10); // maxAckTimeout is 5 min
        Duration base = Duration.ofSeconds(2);
        Duration cap = Duration.ofMinutes(5);
        WitherChecks.from(d)
                .check("withTimeouts", s -> s.withTimeouts(puback, ack), "pubackTimeout", puback, "ackTimeout", ack)
                .check(
                        "withTimeouts",
                        s -> s.withTimeouts(d.pubackTimeout(), aboveCeiling),
                        "ackTimeout",
                        aboveCeiling,
                        "maxAckTimeout",
                        aboveCeiling)
                .check("withBackoff", s -> s.withBackoff(base, cap), "backoffBase", base, "backoffCap", cap)
                .check("withBatch", s -> s.withBatch(100, 2048), "maxEventsPerBatch", 100, "maxBatchBytes", 2048)
                .check("withPublishWindow", s -> s.withPublishWindow(4), "publishWindow", 4)
                .check("withMaxMessageBytes", s -> s.withMaxMessageBytes(4096), "maxMessageBytes", 4096)
                .assertAllWithers();
    }
}
