package org.loyaltyterminal.sync.link;

import org.loyaltyterminal.core.bytes.Bytes;

/** The retained message the broker publishes for us when the connection dies without a goodbye. */
public record Will(String topic, Bytes payload) {
    /** A will with a copy of {@code payload}. */
    public Will(String topic, byte[] payload) {
        this(topic, Bytes.copyOf(payload));
    }
}
