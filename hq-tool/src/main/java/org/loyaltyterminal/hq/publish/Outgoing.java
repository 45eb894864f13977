package org.loyaltyterminal.hq.publish;

import org.loyaltyterminal.core.bytes.Bytes;

/** One signed message ready for the broker (QoS 1). */
public record Outgoing(String topic, Bytes payload, boolean retained, String description) {}
