package org.loyaltyterminal.sync.agent;

import static org.loyaltyterminal.sync.agent.WitherChecks.assertEachChangesOnlyItsFields;
import static org.loyaltyterminal.sync.agent.WitherChecks.wither;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {
    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        SyncSettings d = SyncSettings.defaults();
        assertEachChangesOnlyItsFields(
                d,
                List.of(
                        wither(
                                "withTimeouts",
                                s -> s.withTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(1)),
                                Map.of("pubackTimeout", Duration.ofSeconds(10), "ackTimeout", Duration.ofMinutes(1))),
                        // an ack timeout above the resend ceiling (5 min) raises the ceiling to it
                        wither(
                                "withTimeouts",
                                s -> s.withTimeouts(d.pubackTimeout(), Duration.ofMinutes(10)),
                                Map.of("ackTimeout", Duration.ofMinutes(10), "maxAckTimeout", Duration.ofMinutes(10))),
                        wither(
                                "withBackoff",
                                s -> s.withBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5)),
                                Map.of("backoffBase", Duration.ofSeconds(2), "backoffCap", Duration.ofMinutes(5))),
                        wither(
                                "withBatch",
                                s -> s.withBatch(100, 2048),
                                Map.of("maxEventsPerBatch", 100, "maxBatchBytes", 2048)),
                        wither("withPublishWindow", s -> s.withPublishWindow(4), Map.of("publishWindow", 4)),
                        wither(
                                "withMaxMessageBytes",
                                s -> s.withMaxMessageBytes(4096),
                                Map.of("maxMessageBytes", 4096))));
    }
}
