package org.loyaltyterminal.sync.link;

import org.loyaltyterminal.core.bytes.Bytes;

/**
 * What the MQTT client reports, delivered on the client's own threads. Receivers only enqueue
 * these: publishing, subscribing or waiting inside a client callback can deadlock the client.
 */
public sealed interface LinkEvent {
    record Connected() implements LinkEvent {}

    record ConnectFailed(Throwable cause) implements LinkEvent {}

    record Lost(Throwable cause) implements LinkEvent {}

    record Subscribed() implements LinkEvent {}

    record SubscribeFailed(Throwable cause) implements LinkEvent {}

    /** The broker's PUBACK for the publish tagged {@code tag}. */
    record Published(long tag) implements LinkEvent {}

    record PublishFailed(long tag, Throwable cause) implements LinkEvent {}

    record Message(String topic, Bytes payload) implements LinkEvent {
        /** A message with a copy of {@code payload}. */
        public Message(String topic, byte[] payload) {
            this(topic, Bytes.copyOf(payload));
        }
    }
}
