package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * One committed ledger row. The ledger is append-only; balances are its sums.
 *
 * @param sequence   per-terminal, strictly increasing, never reused
 * @param campaignId the rule that produced the movement; empty for an enrolment
 * @param reference  what was scanned to earn it: the product code or the receipt id
 */
public record LedgerEntry(
        long sequence,
        String terminalId,
        String memberCard,
        LedgerKind kind,
        Optional<String> campaignId,
        long bundleVersion,
        int stampsDelta,
        long pointsDelta,
        String reference,
        String visitId,
        EventTime time) {
    public LedgerEntry {
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(memberCard, "memberCard");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(time, "time");
    }
}
