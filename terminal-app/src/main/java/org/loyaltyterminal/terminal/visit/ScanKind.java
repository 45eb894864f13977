package org.loyaltyterminal.terminal.visit;

import java.util.Optional;
import org.loyaltyterminal.core.campaign.Product;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;

/**
 * What a scan means at the till, decided once by {@link ScanClassifier} against the campaign
 * bundle in force; each kind carries what its handler needs, so no later step looks at the
 * payload again.
 */
public sealed interface ScanKind {
    record MemberCard(String number) implements ScanKind {}

    /** A product barcode (GTIN or SKU) and its catalogue entry; whether it earns is the campaigns' business. */
    record Item(String code, Optional<Product> product) implements ScanKind {}

    /**
     * A member card number in a symbology its card format does not allow (member.card.N.symbologies):
     * a card printed in the wrong symbology or a misconfigured scanner; never a product.
     */
    record MemberCardInWrongSymbology(String number, String symbology, String allowed) implements ScanKind {}

    record Receipt(ReceiptScanned receipt) implements ScanKind {}

    /** A refund receipt naming the receipt it refunds. */
    record Refund(RefundFormat.RefundScanned refund) implements ScanKind {}

    record VoucherCode(String code) implements ScanKind {}

    /** The control barcode that prints the last voucher again. */
    record ReprintVoucher() implements ScanKind {}

    /** The control barcode that closes the current visit. */
    record CloseVisit() implements ScanKind {}

    /** The take code of the bundle's reward offer: buys the reward the offer picks for the member's balance. */
    record TakeOffer() implements ScanKind {}

    /** A referral code of the bundle's referral programme (its prefix, then the referrer's card). */
    record ReferralCode(String code) implements ScanKind {}

    /** The control code of a catalogue reward: buys that reward with points. */
    record RewardCode(Reward reward) implements ScanKind {}
}
