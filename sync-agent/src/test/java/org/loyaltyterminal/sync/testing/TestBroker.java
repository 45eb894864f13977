package org.loyaltyterminal.sync.testing;

/**
 * A real MQTT broker on a loopback port, for tests. One instance, one port, for its whole life:
 * {@link #stop()} then {@link #start()} brings the broker back on the same port, keeping its
 * retained messages and persistent sessions (both brokers persist to their own data folder on a
 * clean stop), so a test can restart the broker under a running client.
 */
public interface TestBroker extends AutoCloseable {

    /** For test names and failure messages: "hivemq-embedded" or "mosquitto". */
    String name();

    /** {@code tcp://127.0.0.1:PORT}. */
    String url();

    int port();

    /** Starts the broker (again) on its port; returns once the port accepts connections. */
    void start();

    /** Stops the broker cleanly, persisting retained messages and sessions; idempotent. */
    void stop();

    /** Stops the broker for good. */
    @Override
    void close();
}
