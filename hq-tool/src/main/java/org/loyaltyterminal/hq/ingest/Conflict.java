package org.loyaltyterminal.hq.ingest;

import java.time.Instant;

/**
 * One voucher redeemed twice: {@code first} is the redemption HQ stored first, {@code second}
 * the one that arrived later. Both stay stored; the conflict is for a person to settle.
 */
public record Conflict(String chain, String reference, Redemption first, Redemption second, Instant detectedAt) {
    public static final String KIND = "voucher-redeemed-twice";

    /** A VOUCHER_REDEEMED event as HQ holds it. */
    public record Redemption(String store, String terminal, long seq, String wallTime, String member) {}
}
