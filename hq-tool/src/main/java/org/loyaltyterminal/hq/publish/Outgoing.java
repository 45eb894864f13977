package org.loyaltyterminal.hq.publish;

/** One signed message ready for the broker (QoS 1). */
public record Outgoing(String topic, byte[] payload, boolean retained, String description) {}
