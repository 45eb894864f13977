package org.loyaltyterminal.sync.inbound;

/**
 * The terminal's side of inbound messages. Called on the agent's own thread, never on the MQTT
 * client's. An implementation checks the version against the one in force and applies the
 * message in one transaction, or refuses it and changes nothing.
 */
public interface InboundHandler {
    InboundResult apply(HqMessage message);
}
