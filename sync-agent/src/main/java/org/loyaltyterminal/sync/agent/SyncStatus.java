package org.loyaltyterminal.sync.agent;

import java.time.Instant;
import java.util.Optional;

/**
 * The link as the status page shows it.
 *
 * @param phase          where the link is
 * @param since          when it entered that phase (till wall time)
 * @param lastError      the cause of the last outage, if any
 * @param lastAcknowledged highest sequence HQ acknowledged
 * @param lastAckAt      when HQ last acknowledged anything
 * @param refusedMessages messages from HQ refused since start
 * @param lastRefusal    the latest refusal, in words; cleared when a later message from HQ is applied
 */
public record SyncStatus(
        Phase phase,
        Instant since,
        Optional<String> lastError,
        long session,
        long lastAcknowledged,
        Optional<Instant> lastAckAt,
        long refusedMessages,
        Optional<String> lastRefusal) {

    public enum Phase {
        OFFLINE,
        CONNECTING,
        ONLINE,
        STOPPED
    }
}
