package org.loyaltyterminal.sync.link;

/** The retained message the broker publishes for us when the connection dies without a goodbye. */
public record Will(String topic, byte[] payload) {}
