package org.loyaltyterminal.terminal.ledger;

import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.engine.Award;

/**
 * One committed ledger row. The ledger is append-only; balances are its sums.
 *
 * @param sequence   per-terminal, strictly increasing, never reused
 * @param member     the member card the row belongs to; empty only for a voucher redeemed
 *                   without a member (a bearer voucher from another till, no visit open)
 * @param campaignId the rule that produced the movement; empty for an enrolment
 * @param reference  what was scanned to earn it: the product code, the receipt id, or the
 *                   voucher reference ({@code terminal/sequence/last-day}) for voucher rows
 * @param why        the rule that produced the row and its figures; {@link Award.Why#NONE} for
 *                   rows no rule produced (enrolment, card links)
 */
public record LedgerEntry(
        long sequence,
        String terminalId,
        Optional<String> member,
        LedgerKind kind,
        Optional<String> campaignId,
        long bundleVersion,
        int stampsDelta,
        long pointsDelta,
        String reference,
        String visitId,
        EventTime time,
        Award.Why why) {

    public LedgerEntry(
            long sequence,
            String terminalId,
            Optional<String> member,
            LedgerKind kind,
            Optional<String> campaignId,
            long bundleVersion,
            int stampsDelta,
            long pointsDelta,
            String reference,
            String visitId,
            EventTime time) {
        this(
                sequence,
                terminalId,
                member,
                kind,
                campaignId,
                bundleVersion,
                stampsDelta,
                pointsDelta,
                reference,
                visitId,
                time,
                Award.Why.NONE);
    }

    public LedgerEntry {
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(time, "time");
    }

    /** A member's row. */
    public LedgerEntry(
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
        this(
                sequence,
                terminalId,
                Optional.of(memberCard),
                kind,
                campaignId,
                bundleVersion,
                stampsDelta,
                pointsDelta,
                reference,
                visitId,
                time);
    }

    /** The member card of a member's row. */
    public String memberCard() {
        return member.orElseThrow(
                () -> new IllegalStateException("ledger row " + sequence + " (" + kind + ") belongs to no member"));
    }
}
