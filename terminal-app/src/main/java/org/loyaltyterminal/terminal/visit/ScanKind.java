package org.loyaltyterminal.terminal.visit;

import org.loyaltyterminal.core.engine.VisitInput.ReceiptScanned;

/** What a scan means at the till, decided by {@link ScanClassifier}. */
public sealed interface ScanKind {
    record MemberCard(String number) implements ScanKind {}

    /** A product barcode (GTIN or SKU); whether it earns anything is the campaigns' business. */
    record Item(String code) implements ScanKind {}

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
}
