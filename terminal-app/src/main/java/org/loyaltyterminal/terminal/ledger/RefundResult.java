package org.loyaltyterminal.terminal.ledger;

import java.util.List;
import java.util.Objects;

/**
 * What a refund did.
 *
 * @param memberCard          the member the original sale earned for
 * @param originalVisitId     the visit of the original sale
 * @param entries             the REFUND rows written (at least one: a refund that takes nothing back
 *                            is still recorded, for HQ)
 * @param vouchersRedeemed    references of vouchers redeemed in the original sale: reported, for the
 *                            cashier to settle, never silently ignored
 * @param vouchersIssued      references of vouchers the original sale issued: they stay valid; reported
 */
public record RefundResult(
        String memberCard,
        String originalVisitId,
        List<LedgerEntry> entries,
        List<String> vouchersRedeemed,
        List<String> vouchersIssued) {
    public RefundResult {
        Objects.requireNonNull(memberCard, "memberCard");
        Objects.requireNonNull(originalVisitId, "originalVisitId");
        entries = List.copyOf(entries);
        vouchersRedeemed = List.copyOf(vouchersRedeemed);
        vouchersIssued = List.copyOf(vouchersIssued);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a refund writes at least one ledger row");
        }
    }

    public long pointsTaken() {
        return -entries.stream().mapToLong(LedgerEntry::pointsDelta).sum();
    }

    public long stampsTaken() {
        return -entries.stream().mapToLong(LedgerEntry::stampsDelta).sum();
    }
}
