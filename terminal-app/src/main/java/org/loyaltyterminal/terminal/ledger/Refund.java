package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;

/**
 * A refund to record: the refund's own id (a refund is processed once), the receipt it refunds and
 * how much of it, in cents.
 */
public record Refund(String refundId, String originalReceiptId, long refundCents, long bundleVersion, EventTime time) {
    public Refund {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(originalReceiptId, "originalReceiptId");
        Objects.requireNonNull(time, "time");
        if (refundId.isEmpty() || originalReceiptId.isEmpty()) {
            throw new IllegalArgumentException("a refund needs its own id and the original receipt's id, were \""
                    + refundId + "\" and \"" + originalReceiptId + "\"");
        }
        if (refundCents < 0) {
            throw new IllegalArgumentException(
                    "refund " + refundId + ": amount must not be negative, was " + refundCents);
        }
    }
}
