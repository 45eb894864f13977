package org.loyaltyterminal.sync.outbox;

/**
 * One event waiting for HQ: its per-terminal sequence and the JSON object the terminal wrote.
 * No delivery state: packet ids and batches live in the agent and the MQTT adapter.
 */
public record OutboxEvent(long sequence, String json) {
    public OutboxEvent {
        if (sequence <= 0) {
            throw new IllegalArgumentException("sequence must be positive, was " + sequence);
        }
        if (json == null || json.isEmpty() || json.charAt(0) != '{') {
            throw new IllegalArgumentException("event " + sequence + " must be a JSON object");
        }
    }
}
