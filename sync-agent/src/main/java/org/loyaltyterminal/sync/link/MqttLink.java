package org.loyaltyterminal.sync.link;

import java.util.List;

/**
 * The agent's view of an MQTT client: asynchronous calls whose outcomes arrive as
 * {@link LinkEvent}s. Every publish is QoS 1. One instance is used for the life of the agent and
 * reconnected in place: clients leak threads when created and closed repeatedly.
 */
public interface MqttLink extends AutoCloseable {

    /** Starts a connection; the outcome arrives as {@code Connected} or {@code ConnectFailed}. */
    void connect(Will will);

    /** Subscribes at QoS 1; the outcome arrives as {@code Subscribed} or {@code SubscribeFailed}. */
    void subscribe(List<String> topics);

    /**
     * Starts a QoS 1 publish; its PUBACK arrives as {@code Published(tag)}.
     *
     * @throws BackPressureException when the in-flight window is full
     * @throws org.loyaltyterminal.sync.SyncException when the link cannot publish at all
     */
    void publish(String topic, byte[] payload, boolean retained, long tag);

    /** A clean DISCONNECT, waiting at most a few seconds; the will is not sent. */
    void disconnect();

    /** Drops the connection at once without a DISCONNECT, so the broker sends the will. */
    void abort();

    @Override
    void close();
}
