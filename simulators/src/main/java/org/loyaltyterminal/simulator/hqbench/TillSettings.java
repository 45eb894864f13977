package org.loyaltyterminal.simulator.hqbench;

import java.time.Duration;

/**
 * The sync agent's drain rules, as the simulated till applies them (sync-agent's
 * {@code SyncSettings.defaults()}; sync-protocol.md, "Terminal → HQ").
 *
 * @param publishWindow         batches awaiting the broker's PUBACK at once (8)
 * @param maxBatchesAwaitingAck batches awaiting HQ's acknowledgement at once (32)
 * @param maxBatchBytes         JSON bytes of a batch's events after its first (96 KiB)
 * @param ackTimeout            no acknowledgement for this long: send everything unacknowledged again (30 s), the
 *     wait doubling up to {@code maxAckTimeout} (5 min) while HQ stays silent
 * @param pubackTimeout         no PUBACK for this long: the link is dead, rebuilt (15 s)
 * @param backoffBase           reconnect delay ceiling after the first failure (1 s; full jitter, doubling to 2 min)
 */
record TillSettings(
        int publishWindow,
        int maxBatchesAwaitingAck,
        int maxBatchBytes,
        Duration ackTimeout,
        Duration maxAckTimeout,
        Duration pubackTimeout,
        Duration backoffBase,
        Duration backoffCap,
        int keepAliveSeconds) {

    /** The agent's defaults, with HQ's acknowledgement timeout as given. */
    static TillSettings agent(Duration ackTimeout) {
        return new TillSettings(
                8,
                32,
                96 * 1024,
                ackTimeout,
                Duration.ofMinutes(5),
                Duration.ofSeconds(15),
                Duration.ofSeconds(1),
                Duration.ofMinutes(2),
                60);
    }
}
