package org.loyaltyterminal.sync.agent;

import java.time.Duration;
import java.util.function.Consumer;
import org.loyaltyterminal.sync.SyncException;

/**
 * Tuning of the drain and the reconnect loop.
 *
 * @param maxEventsPerBatch   events per published batch
 * @param maxBatchBytes       JSON bytes per batch (after its first event); well under common
 *     broker packet limits (AWS IoT 128 KB, Mosquitto 2.1's 2 MB default)
 * @param maxBatchesAwaitingAck batches sent but not yet acknowledged by HQ, at most
 * @param pubackTimeout       no PUBACK for this long: the link is dead even if it looks up
 * @param ackTimeout          no HQ acknowledgement for this long: send again (doubling up to
 *     {@code maxAckTimeout})
 * @param backoffBase         first reconnect delay ceiling; full jitter below it
 * @param backoffCap          largest reconnect delay ceiling
 * @param statusInterval      how often the retained status is refreshed while online
 * @param maxMessageBytes     inbound messages larger than this are refused before parsing
 * @param publishWindow       batches awaiting the broker's PUBACK at once; one below the link's
 *     in-flight limit, so the status message always finds a slot
 */
public record SyncSettings(
        int maxEventsPerBatch,
        int maxBatchBytes,
        int maxBatchesAwaitingAck,
        Duration pubackTimeout,
        Duration ackTimeout,
        Duration maxAckTimeout,
        Duration backoffBase,
        Duration backoffCap,
        Duration statusInterval,
        int maxMessageBytes,
        int publishWindow) {

    public static SyncSettings defaults() {
        return new SyncSettings(
                500,
                96 * 1024,
                32,
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofSeconds(1),
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                1024 * 1024,
                8);
    }

    public SyncSettings {
        if (maxEventsPerBatch < 1 || maxBatchBytes < 1024 || maxBatchesAwaitingAck < 1 || maxMessageBytes < 1024) {
            throw new SyncException("batch limits must be positive (bytes at least 1024)");
        }
        if (publishWindow < 1 || publishWindow > 8) {
            throw new SyncException("publish window " + publishWindow
                    + " must be 1-8: below Paho's in-flight limit of 10" + " with a slot left for the status message");
        }
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new SyncException("reconnect backoff: base must be positive and cap at least base");
        }
    }

    public SyncSettings withTimeouts(Duration puback, Duration ack) {
        return with(d -> {
            d.pubackTimeout = puback;
            d.ackTimeout = ack;
            d.maxAckTimeout = maxAckTimeout.compareTo(ack) < 0 ? ack : maxAckTimeout;
        });
    }

    public SyncSettings withBackoff(Duration base, Duration cap) {
        return with(d -> {
            d.backoffBase = base;
            d.backoffCap = cap;
        });
    }

    public SyncSettings withBatch(int events, int bytes) {
        return with(d -> {
            d.maxEventsPerBatch = events;
            d.maxBatchBytes = bytes;
        });
    }

    public SyncSettings withPublishWindow(int window) {
        return with(d -> d.publishWindow = window);
    }

    public SyncSettings withMaxMessageBytes(int bytes) {
        return with(d -> d.maxMessageBytes = bytes);
    }

    /** A copy with the change applied, validated by the canonical constructor like any other. */
    private SyncSettings with(Consumer<Draft> change) {
        return new Draft().build(change);
    }

    /** This record's fields as variables, so that each wither names only the fields it changes. */
    private final class Draft {
        private int maxEventsPerBatch = SyncSettings.this.maxEventsPerBatch;
        private int maxBatchBytes = SyncSettings.this.maxBatchBytes;
        private int maxBatchesAwaitingAck = SyncSettings.this.maxBatchesAwaitingAck;
        private Duration pubackTimeout = SyncSettings.this.pubackTimeout;
        private Duration ackTimeout = SyncSettings.this.ackTimeout;
        private Duration maxAckTimeout = SyncSettings.this.maxAckTimeout;
        private Duration backoffBase = SyncSettings.this.backoffBase;
        private Duration backoffCap = SyncSettings.this.backoffCap;
        private Duration statusInterval = SyncSettings.this.statusInterval;
        private int maxMessageBytes = SyncSettings.this.maxMessageBytes;
        private int publishWindow = SyncSettings.this.publishWindow;

        private SyncSettings build(Consumer<Draft> change) {
            change.accept(this);
            return new SyncSettings(
                    maxEventsPerBatch,
                    maxBatchBytes,
                    maxBatchesAwaitingAck,
                    pubackTimeout,
                    ackTimeout,
                    maxAckTimeout,
                    backoffBase,
                    backoffCap,
                    statusInterval,
                    maxMessageBytes,
                    publishWindow);
        }
    }
}
