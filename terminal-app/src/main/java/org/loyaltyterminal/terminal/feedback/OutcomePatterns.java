package org.loyaltyterminal.terminal.feedback;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LedgerKind;
import org.loyaltyterminal.terminal.visit.ScanOutcome;

/**
 * Which pattern a scan outcome plays. The switch has no default: a new kind of outcome does not
 * compile until it is given its pattern here.
 */
final class OutcomePatterns {
    /** Ledger kinds that mean "a reward was earned". */
    private static final Set<LedgerKind> REWARD_KINDS =
            Set.of(LedgerKind.STAMP_CARD_COMPLETED, LedgerKind.VOUCHER_ISSUED);

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
            case ScanOutcome.VisitOpened _, ScanOutcome.VisitContinued _, ScanOutcome.VoucherReprinted _ ->
                Optional.of(patterns.accepted());
            case ScanOutcome.VoucherRedeemed _ -> Optional.of(patterns.voucherRedeemed());
            // A refund the cashier must look at (a voucher of the sale was redeemed) sounds like a refusal.
            case ScanOutcome.RefundProcessed o ->
                Optional.of(o.vouchersRedeemed().isEmpty() ? patterns.accepted() : patterns.refused());
            // A voucher bought with points is a reward earned at the till.
            case ScanOutcome.RewardBought _ -> Optional.of(patterns.rewardEarned());
        };
    }

    private Pattern accepted(List<LedgerEntry> entries) {
        boolean reward = entries.stream().anyMatch(e -> REWARD_KINDS.contains(e.kind()));
        return reward ? patterns.rewardEarned() : patterns.accepted();
    }
}
