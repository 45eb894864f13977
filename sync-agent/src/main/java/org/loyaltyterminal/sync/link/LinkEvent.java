package org.loyaltyterminal.sync.link;

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

    record Message(String topic, byte[] payload) implements LinkEvent {}
}
