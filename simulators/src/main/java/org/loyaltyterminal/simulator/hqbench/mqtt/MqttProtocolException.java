package org.loyaltyterminal.simulator.hqbench.mqtt;

/** The broker sent bytes that are not a packet a till expects: the connection is closed. */
public final class MqttProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MqttProtocolException(String message) {
        super(message);
    }
}
