package org.loyaltyterminal.terminal.feedback;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.visit.ScanOutcome;

/**
 * Which pattern a scan outcome plays. The switch has no default: a new kind of outcome does not
 * compile until it is given its pattern here (for ScanOutcome.VoucherRedeemed, one line:
 * {@code case ScanOutcome.VoucherRedeemed _ -> Optional.of(patterns.voucherRedeemed());}).
 */
final class OutcomePatterns {
    /**
     * Ledger kinds that mean "a reward was earned", by name: VOUCHER_ISSUED does not exist yet and
     * counts as soon as it does.
     */
    private static final Set<String> REWARD_KINDS = Set.of("STAMP_CARD_COMPLETED", "VOUCHER_ISSUED");

    private final Patterns patterns;

    OutcomePatterns(Patterns patterns) {
        this.patterns = patterns;
    }

    Optional<Pattern> of(ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.Refused _ -> Optional.of(patterns.refused());
            // Nothing happened (a double read) or nothing the cashier did (a visit timing out): silence.
            case ScanOutcome.Repeated _, ScanOutcome.VisitClosed _ -> Optional.empty();
            case ScanOutcome.ItemRecorded o -> Optional.of(accepted(o.entries()));
            case ScanOutcome.ReceiptCredited o -> Optional.of(accepted(o.entries()));
            case ScanOutcome.CardLinked o -> Optional.of(accepted(o.entries()));
            case ScanOutcome.VisitOpened _, ScanOutcome.VisitContinued _ -> Optional.of(patterns.accepted());
        };
    }

    private Pattern accepted(List<LedgerEntry> entries) {
        boolean reward = entries.stream().anyMatch(e -> REWARD_KINDS.contains(e.kind().name()));
        return reward ? patterns.rewardEarned() : patterns.accepted();
    }
}
