package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.voucher.VoucherCode;

/**
 * A voucher to mark redeemed, once and for all, in one transaction with its ledger and outbox rows.
 *
 * @param member     the member the redemption is booked to: the holder when this till issued it,
 *                   else the member of the open visit, if any
 * @param rewardId   the reward redeemed, from the record of issue or the catalogue slot
 * @param valueCents its value, for HQ's books
 * @param visitId    the open visit, or empty text when none is open
 */
public record VoucherRedemption(
        VoucherCode code,
        Optional<String> member,
        String rewardId,
        long valueCents,
        boolean issuedHere,
        long bundleVersion,
        String visitId,
        EventTime time) {
    public VoucherRedemption {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(rewardId, "rewardId");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(time, "time");
    }
}
