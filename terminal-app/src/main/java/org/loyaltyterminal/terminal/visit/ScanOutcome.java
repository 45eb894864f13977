package org.loyaltyterminal.terminal.visit;

import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.terminal.engine.MemberState;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.rules.Product;

/**
 * What one scan did. Everything but {@link Refused} and {@link Repeated} is "accepted", and is
 * only produced after whatever it recorded was committed. Member cards appear masked.
 */
public sealed interface ScanOutcome {

    default boolean accepted() {
        return !(this instanceof Refused) && !(this instanceof Repeated);
    }

    /**
     * @param enrolment present when the card was unknown and became a provisional member
     * @param previous  the visit this card closed, if another member's visit was open
     */
    record VisitOpened(String visitId, String maskedCard, Optional<LedgerEntry> enrolment, MemberState balances,
                       Optional<ClosedVisit> previous) implements ScanOutcome {}

    /** The open visit's own card scanned again: the visit goes on. */
    record VisitContinued(String visitId, String maskedCard) implements ScanOutcome {}

    record VisitClosed(ClosedVisit visit) implements ScanOutcome {}

    /** A product scanned in a visit; {@code entries} may be empty when it earns nothing. */
    record ItemRecorded(String visitId, String maskedCard, String code, Optional<Product> product,
                        List<LedgerEntry> entries, MemberState balances) implements ScanOutcome {}

    record ReceiptCredited(String visitId, String maskedCard, String receiptId, long amountCents,
                           List<LedgerEntry> entries, MemberState balances) implements ScanOutcome {}

    /**
     * A contactless card was linked to a member (enrolling the member first if needed), and the
     * member's visit opened or went on. {@code entries}: ENROLLED?, CARD_UNLINKED?, CARD_LINKED.
     *
     * @param visit the {@link VisitOpened} or {@link VisitContinued} of the member
     */
    record CardLinked(String shortCard, String maskedCard, List<LedgerEntry> entries, ScanOutcome visit)
            implements ScanOutcome {}

    /** The same payload again within the debounce window: nothing was added. */
    record Repeated(String symbology) implements ScanOutcome {}

    record Refused(RefusalReason reason, String message) implements ScanOutcome {}

    record ClosedVisit(String visitId, String maskedCard, CloseReason reason) {}

    enum RefusalReason {
        NO_VISIT_OPEN,
        RECEIPT_ALREADY_CREDITED,
        VOUCHER_REDEMPTION_OFF,
        STORAGE_FAILED,
        RULE_FAILED,
        CARD_NOT_LINKED,
        CARD_NUMBER_NOT_A_MEMBER_CARD,
        CARDS_NOT_CONFIGURED
    }
}
