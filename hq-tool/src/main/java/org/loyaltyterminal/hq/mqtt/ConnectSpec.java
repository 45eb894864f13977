package org.loyaltyterminal.hq.mqtt;

import java.time.Duration;
import java.util.Optional;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * How to connect.
 *
 * @param persistentSession keep subscriptions and queued messages while away (clean session false)
 * @param manualAcks        PUBACK a message only when the receiver calls {@code complete}, after it
 *     stored it: a crash before that makes the broker deliver it again
 * @param will              retained QoS 1 message the broker publishes if the connection dies
 */
public record ConnectSpec(boolean persistentSession, boolean manualAcks, Optional<Retained> will, Duration timeout) {
    public record Retained(String topic, Bytes payload) {}

    public static ConnectSpec oneShot() {
        return new ConnectSpec(false, false, Optional.empty(), Duration.ofSeconds(10));
    }
}
