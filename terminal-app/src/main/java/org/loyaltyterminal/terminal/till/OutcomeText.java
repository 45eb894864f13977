package org.loyaltyterminal.terminal.till;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.visit.ScanOutcome;

/** One readable line per outcome, for the journal and the demo's trace. Card numbers stay masked. */
public final class OutcomeText {
    private OutcomeText() {}

    public static String describe(ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.VisitOpened o ->
                o.previous()
                                .map(p -> "visit of " + p.maskedCard() + " closed (next member); ")
                                .orElse("")
                        + "member card " + o.maskedCard()
                        + (o.enrolment().isPresent()
                                ? ": new provisional member enrolled [seq "
                                        + o.enrolment().get().sequence() + "]"
                                : "")
                        + "; visit " + shortId(o.visitId()) + " opened; "
                        + (o.awards().isEmpty() ? "" : awards(o.awards()) + "; ") + balances(o.balances())
                        + offer(o.offer());
            case ScanOutcome.VisitContinued o ->
                "member card " + o.maskedCard() + " again; visit " + shortId(o.visitId()) + " goes on";
            case ScanOutcome.VisitClosed o ->
                "visit " + shortId(o.visit().visitId()) + " of " + o.visit().maskedCard() + " closed ("
                        + o.visit().reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
            case ScanOutcome.ItemRecorded o ->
                "item " + o.code()
                        + o.product()
                                .map(p -> " " + p.name() + " [" + p.category() + "]")
                                .orElse(" (not in the product table)")
                        + ": "
                        + (o.entries().isEmpty() ? "no award" : awards(o.entries()) + "; " + balances(o.balances()));
            case ScanOutcome.ReceiptCredited o ->
                "receipt " + o.receiptId() + " " + money(o.amountCents()) + " credited: "
                        + (o.entries().isEmpty() ? "no award" : awards(o.entries())) + "; " + balances(o.balances())
                        + offer(o.offer());
            case ScanOutcome.CardLinked o ->
                "contactless " + o.shortCard() + " linked to member " + o.maskedCard() + " (" + awards(o.entries())
                        + "); " + describe(o.visit());
            case ScanOutcome.VoucherRedeemed o ->
                o.label() + " redeemed: " + o.rewardText() + " (" + money(o.valueCents())
                        + (o.issuedHere() ? "" : ", issued at another till") + ") [seq "
                        + o.entry().sequence() + "]";
            case ScanOutcome.RewardBought o ->
                "member " + o.maskedCard() + " bought " + o.rewardText() + " for "
                        + -o.entry().pointsDelta() + " points: " + o.label() + " issued [seq "
                        + o.entry().sequence() + "]; "
                        + balances(o.balances());
            case ScanOutcome.VoucherReprinted o -> o.label() + " queued for printing again";
            case ScanOutcome.RefundProcessed o ->
                "refund " + o.refundId() + " of receipt " + o.originalReceiptId() + " "
                        + money(o.refundCents()) + " for member " + o.maskedCard() + ": " + awards(o.entries())
                        + (o.vouchersRedeemed().isEmpty()
                                ? ""
                                : "; CHECK: " + String.join(", ", o.vouchersRedeemed())
                                        + " redeemed in the original sale")
                        + (o.vouchersIssued().isEmpty()
                                ? ""
                                : "; " + String.join(", ", o.vouchersIssued())
                                        + " issued by the original sale stay valid")
                        + "; " + balances(o.balances());
            case ScanOutcome.Repeated o ->
                "same " + o.symbology() + " scan again within the debounce window; nothing added";
            case ScanOutcome.Refused o -> o.message();
        };
    }

    /** "; offer: Slice of cake for 150 points (scan TAKE-REWARD)", or nothing without an offer. */
    static String offer(Optional<ScanOutcome.RewardOffered> offer) {
        return offer.map(o -> "; offer: " + o.rewardText()
                        + (o.spendsAllPoints()
                                ? " for all points (at least " + o.pointsCost() + ")"
                                : " for " + o.pointsCost() + " points")
                        + " (scan " + o.takeCode() + ")")
                .orElse("");
    }

    static String awards(List<LedgerEntry> entries) {
        StringJoiner text = new StringJoiner(", ");
        for (LedgerEntry e : entries) {
            String campaign = e.campaignId().orElse("");
            text.add(
                    switch (e.kind()) {
                        case STAMPS ->
                            "+" + e.stampsDelta() + (e.stampsDelta() == 1 ? " stamp" : " stamps") + " (" + campaign
                                    + ")";
                        case STAMP_CARD_COMPLETED -> "card complete, reward earned (" + campaign + ")";
                        case POINTS -> "+" + e.pointsDelta() + " points (" + campaign + ")";
                        case ENROLLED -> "enrolled";
                        case CARD_LINKED -> "card linked";
                        case CARD_UNLINKED -> "card unlinked from " + Redaction.mask(e.memberCard());
                        case VOUCHER_ISSUED -> VoucherCode.labelOf(e.reference()) + " issued (" + campaign + ")";
                        case VOUCHER_REDEEMED -> VoucherCode.labelOf(e.reference()) + " redeemed";
                        case HQ_BALANCE ->
                            (e.stampsDelta() != 0
                                            ? e.stampsDelta() + " stamps (" + campaign + ")"
                                            : e.pointsDelta() + " points")
                                    + " from HQ's balance";
                        case MEMBER_ERASED -> "member erased at HQ's request";
                        case BONUS -> "+" + e.pointsDelta() + " bonus points (" + campaign + ")";
                        case SUSPICIOUS_ACTIVITY -> "flagged for HQ: " + e.why().detail();
                        case ADJUSTMENT -> (e.pointsDelta() > 0 ? "+" : "") + e.pointsDelta() + " points adjusted";
                        case POINTS_EXPIRED -> e.pointsDelta() + " points expired";
                        case REFERRAL_BONUS ->
                            "+" + e.pointsDelta() + " referral points for " + Redaction.mask(e.memberCard());
                        case STAMPS_EXPIRED -> e.stampsDelta() + " stamps expired (" + campaign + ")";
                        case TIER_CHANGED -> "tier " + e.why().detail().split(":", 2)[0];
                        case REFUND ->
                            e.campaignId().isEmpty()
                                    ? "nothing to take back"
                                    : e.pointsDelta() + " points"
                                            + (e.stampsDelta() != 0 ? ", " + e.stampsDelta() + " stamps" : "")
                                            + " taken back (" + campaign + ")";
                    });
        }
        return text + " [seq " + entries.getFirst().sequence()
                + (entries.size() > 1 ? "-" + entries.getLast().sequence() : "") + "]";
    }

    static String balances(MemberState state) {
        StringJoiner text = new StringJoiner(", ", "balance ", "");
        text.add(state.points() + " points");
        Map<String, Integer> cards = new TreeMap<>(state.stampsOnCard());
        cards.forEach((campaign, stamps) -> text.add(campaign + " " + stamps + " stamps"));
        return text.toString();
    }

    static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, Math.abs(cents % 100));
    }

    private static String shortId(String visitId) {
        return visitId.length() > 8 ? visitId.substring(0, 8) : visitId;
    }
}
