package org.loyaltyterminal.sync.agent;

import java.time.Duration;
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
        return new SyncSettings(
                maxEventsPerBatch,
                maxBatchBytes,
                maxBatchesAwaitingAck,
                puback,
                ack,
                maxAckTimeout.compareTo(ack) < 0 ? ack : maxAckTimeout,
                backoffBase,
                backoffCap,
                statusInterval,
                maxMessageBytes,
                publishWindow);
    }

    public SyncSettings withBackoff(Duration base, Duration cap) {
        return new SyncSettings(
                maxEventsPerBatch,
                maxBatchBytes,
                maxBatchesAwaitingAck,
                pubackTimeout,
                ackTimeout,
                maxAckTimeout,
                base,
                cap,
                statusInterval,
                maxMessageBytes,
                publishWindow);
    }

    public SyncSettings withBatch(int events, int bytes) {
        return new SyncSettings(
                events,
                bytes,
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

    public SyncSettings withPublishWindow(int window) {
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
                window);
    }

    public SyncSettings withMaxMessageBytes(int bytes) {
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
                bytes,
                publishWindow);
    }
}
