package org.loyaltyterminal.hq.mqtt;

/**
 * HQ's view of an MQTT client. Every call blocks until the broker answered or the timeout passed,
 * so it must be called from the owner's own thread, never from a client callback. Publishes and
 * subscriptions are QoS 1.
 */
public interface BrokerClient extends AutoCloseable {

    /** Connects (again); the previous connection's messages can no longer be completed. */
    void connect(ConnectSpec spec);

    /**
     * Subscribes to {@code filter}.
     *
     * @throws org.loyaltyterminal.hq.HqException when the broker refuses it
     */
    void subscribe(String filter);

    /** Leaves a subscription (for a shared one: the group); returns once the broker's UNSUBACK arrived. */
    void unsubscribe(String filter);

    /** Returns once the broker's PUBACK arrived. */
    void publish(String topic, byte[] payload, boolean retained);

    /** Acknowledges a message received with manual acknowledgement; ignored for an old connection. */
    void complete(BrokerEvent.Message message);

    boolean isConnected();

    /** A clean DISCONNECT: the will is not published. */
    void disconnect();

    @Override
    void close();
}
