package org.loyaltyterminal.terminal.visit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.Redaction;

/**
 * What one scan did. Everything but {@link Refused} and {@link Repeated} is "accepted", and is
 * only produced after whatever it recorded was committed. Member cards appear masked.
 */
public sealed interface ScanOutcome {

    default boolean accepted() {
        return !(this instanceof Refused) && !(this instanceof Repeated);
    }

    /** Whether the scan wrote to the ledger: only those count in the scan-to-commit latencies. */
    default boolean committed() {
        return switch (this) {
            case CardLinked _ -> true;
            case VisitOpened o -> o.enrolment().isPresent() || !o.awards().isEmpty();
            case ItemRecorded o -> !o.entries().isEmpty();
            case ReceiptCredited _, VoucherRedeemed _, RewardBought _, RefundProcessed _ -> true;
            case VoucherReprinted _, VisitContinued _, VisitClosed _, Repeated _, Refused _ -> false;
        };
    }

    /**
     * A member card opened a visit.
     *
     * @param enrolment present when the card was unknown and became a provisional member
     * @param previous  the visit this card closed, if another member's visit was open
     */
    record VisitOpened(
            String visitId,
            String maskedCard,
            Optional<LedgerEntry> enrolment,
            MemberState balances,
            Optional<ClosedVisit> previous,
            List<LedgerEntry> awards,
            Optional<RewardOffered> offer)
            implements ScanOutcome {
        public VisitOpened(
                String visitId,
                String maskedCard,
                Optional<LedgerEntry> enrolment,
                MemberState balances,
                Optional<ClosedVisit> previous) {
            this(visitId, maskedCard, enrolment, balances, previous, List.of(), Optional.empty());
        }

        public VisitOpened {
            awards = List.copyOf(awards);
            Objects.requireNonNull(offer, "offer");
        }
    }

    /**
     * The reward the terminal offers the member now, by the bundle's policy: the cashier scans
     * {@code takeCode} to take it.
     *
     * @param pointsCost      what it costs; with {@code spendsAllPoints} the least balance it takes, all of it
     */
    record RewardOffered(String rewardText, long pointsCost, boolean spendsAllPoints, String takeCode) {
        /** The reward the bundle's policy offers a member with {@code points}, for the cashier's line. */
        static Optional<RewardOffered> of(CampaignBundle bundle, long points) {
            return bundle.offerFor(points)
                    .map(reward -> new RewardOffered(
                            reward.text(),
                            reward.pointsCost().orElseThrow(),
                            reward.spendsAllPoints(),
                            bundle.programme().rewardOffer().orElseThrow().takeCode()));
        }
    }

    /** The open visit's own card scanned again: the visit goes on. */
    record VisitContinued(String visitId, String maskedCard) implements ScanOutcome {}

    record VisitClosed(ClosedVisit visit) implements ScanOutcome {}

    /** A product scanned in a visit; {@code entries} may be empty when it earns nothing. */
    record ItemRecorded(
            String visitId,
            String maskedCard,
            String code,
            Optional<Product> product,
            List<LedgerEntry> entries,
            MemberState balances)
            implements ScanOutcome {}

    record ReceiptCredited(
            String visitId,
            String maskedCard,
            String receiptId,
            long amountCents,
            List<LedgerEntry> entries,
            MemberState balances,
            Optional<RewardOffered> offer)
            implements ScanOutcome {
        public ReceiptCredited(
                String visitId,
                String maskedCard,
                String receiptId,
                long amountCents,
                List<LedgerEntry> entries,
                MemberState balances) {
            this(visitId, maskedCard, receiptId, amountCents, entries, balances, Optional.empty());
        }

        public ReceiptCredited {
            Objects.requireNonNull(offer, "offer");
        }
    }

    /**
     * A contactless card was linked to a member (enrolling the member first if needed), and the
     * member's visit opened or went on. {@code entries}: ENROLLED?, CARD_UNLINKED?, CARD_LINKED.
     *
     * @param visit the {@link VisitOpened} or {@link VisitContinued} of the member
     */
    record CardLinked(String shortCard, String maskedCard, List<LedgerEntry> entries, ScanOutcome visit)
            implements ScanOutcome {}

    /**
     * A voucher was redeemed: marked used once and for all, with its ledger row.
     *
     * @param label      e.g. {@code voucher 12/345}; never the code, which is a bearer token
     * @param issuedHere whether this terminal issued it (else the foreign-voucher policy let it in)
     */
    record VoucherRedeemed(String label, String rewardText, long valueCents, boolean issuedHere, LedgerEntry entry)
            implements ScanOutcome {}

    /** The member bought a catalogue reward with points; its voucher is issued and queued for printing. */
    record RewardBought(
            String visitId, String maskedCard, String label, String rewardText, LedgerEntry entry, MemberState balances)
            implements ScanOutcome {}

    /**
     * A refund took back what the original sale earned (proportionally, never below zero). It needs
     * no open visit: the original receipt names the member.
     *
     * @param vouchersRedeemed labels of vouchers redeemed in the original sale, for the cashier to settle
     * @param vouchersIssued   labels of vouchers the original sale issued; they stay valid
     */
    record RefundProcessed(
            String refundId,
            String originalReceiptId,
            long refundCents,
            String maskedCard,
            List<LedgerEntry> entries,
            List<String> vouchersRedeemed,
            List<String> vouchersIssued,
            MemberState balances)
            implements ScanOutcome {
        public RefundProcessed {
            entries = List.copyOf(entries);
            vouchersRedeemed = List.copyOf(vouchersRedeemed);
            vouchersIssued = List.copyOf(vouchersIssued);
        }
    }

    /** The reprint control code: the last voucher is queued for printing again. */
    record VoucherReprinted(String label) implements ScanOutcome {}

    /** The same payload again within the debounce window: nothing was added. */
    record Repeated(String symbology) implements ScanOutcome {}

    record Refused(RefusalReason reason, String message) implements ScanOutcome {
        /** A scan that needs an open visit arrived without one. */
        static Refused noVisit(String what) {
            return new Refused(
                    RefusalReason.NO_VISIT_OPEN,
                    "no member card scanned yet; scan the member card first, then the " + what + " again");
        }
    }

    record ClosedVisit(String visitId, String maskedCard, CloseReason reason) {
        static ClosedVisit of(OpenVisit visit, CloseReason reason) {
            return new ClosedVisit(visit.visitId(), Redaction.mask(visit.memberCard()), reason);
        }
    }

    enum RefusalReason {
        NO_VISIT_OPEN,
        RECEIPT_ALREADY_CREDITED,
        /** No voucher key is configured: codes cannot be checked. */
        VOUCHER_REDEMPTION_OFF,
        /** Not a voucher code: wrong length or characters. */
        VOUCHER_MALFORMED,
        /** The check character does not match: a typo. */
        VOUCHER_MISTYPED,
        /** The signature does not match the chain key: forged or from another chain. */
        VOUCHER_FORGED,
        VOUCHER_EXPIRED,
        VOUCHER_ALREADY_REDEEMED,
        /** Signed, names this terminal as issuer, yet this terminal has no record of it. */
        VOUCHER_UNKNOWN,
        /** Its reward slot is not in the catalogue in force. */
        VOUCHER_REWARD_UNKNOWN,
        /** Store-only reward issued in another store. */
        VOUCHER_NOT_VALID_HERE,
        /** Issued elsewhere, and the offline policy for foreign vouchers does not accept it. */
        VOUCHER_FOREIGN_REFUSED,
        NOT_ENOUGH_POINTS,
        NOTHING_TO_REPRINT,
        NO_PRINTER,
        STORAGE_FAILED,
        RULE_FAILED,
        CARD_NOT_LINKED,
        CARD_NUMBER_NOT_A_MEMBER_CARD,
        CARDS_NOT_CONFIGURED,
        /** The same refund id again: a refund reverses once. */
        REFUND_ALREADY_PROCESSED,
        /** A referral code outside an enrolment visit, of an unknown or the same member, or a second time. */
        REFERRAL_REFUSED,
        /** The refunded receipt was not credited to a member at this terminal. */
        REFUND_ORIGINAL_UNKNOWN
    }
}
