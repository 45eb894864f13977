package org.loyaltyterminal.simulator.hqbench.mqtt;

import java.util.Optional;

/**
 * What one connection reports, always on its loop's thread (so a listener's state needs no
 * locks if it is only touched there). The connection has already PUBACKed a QoS 1 message when
 * {@link #message} is called.
 */
public interface MqttListener {
    /** The broker accepted the CONNECT. */
    void connected(MqttConnection connection, boolean sessionPresent);

    /** SUBACK; {@code granted} is the QoS granted, or 0x80 for a refusal. */
    void subscribed(MqttConnection connection, int packetId, int granted);

    /** PUBACK of a publish of ours. */
    void published(MqttConnection connection, int packetId);

    void message(MqttConnection connection, String topic, byte[] payload);

    /**
     * The connection is gone: after our own DISCONNECT ({@code why} empty), or lost, refused or
     * broken ({@code why} says how).
     */
    void closed(MqttConnection connection, Optional<String> why);

    /** Called about ten times a second while the connection is open, for the listener's own timers. */
    void tick(MqttConnection connection, long nanoTime);
}
