package org.loyaltyterminal.hq.mqtt;

import org.loyaltyterminal.core.bytes.Bytes;

/** What the broker client reports from its own threads; receivers only enqueue these. */
public sealed interface BrokerEvent {
    /** The connection dropped; {@code connection} is the one that dropped. */
    record Lost(long connection, Throwable cause) implements BrokerEvent {}

    /**
     * A message; with manual acknowledgement it is PUBACKed only by {@link BrokerClient#complete}.
     *
     * @param connection the connection it arrived on: an id is meaningless on any other
     */
    record Message(String topic, Bytes payload, int id, int qos, long connection) implements BrokerEvent {}
}
