package org.loyaltyterminal.hq.ingest;

import java.time.Duration;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.sync.Topics;

/**
 * How one ingest worker reaches the broker and joins its group.
 *
 * @param broker      the broker's URI
 * @param group       the shared-subscription group; workers of one group split the traffic
 * @param clientId    this worker's MQTT client id, stable across restarts: its persistent
 *     session holds the batches that arrive while it is down
 * @param backoffBase first reconnect delay ceiling (full jitter below it)
 * @param backoffCap  largest reconnect delay ceiling
 */
public record IngestSettings(String broker, String group, String clientId, Duration backoffBase, Duration backoffCap) {
    public IngestSettings {
        Topics.requireLevel("group", group);
        Topics.requireLevel("client id", clientId);
        if (backoffBase.isZero() || backoffBase.isNegative() || backoffCap.compareTo(backoffBase) < 0) {
            throw new HqException("ingest backoff: base must be positive and cap at least base, were " + backoffBase
                    + " and " + backoffCap);
        }
    }

    public static IngestSettings of(String broker, String group, String clientId) {
        return new IngestSettings(broker, group, clientId, Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
