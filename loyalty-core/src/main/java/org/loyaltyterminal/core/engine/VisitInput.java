package org.loyaltyterminal.core.engine;

/** Something that happened in an open visit and may earn awards. */
public sealed interface VisitInput permits VisitInput.VisitOpened, VisitInput.ItemScanned, VisitInput.ReceiptScanned {

    /** The member card opened a visit; {@code enrolled} when the card was new and just enrolled. */
    record VisitOpened(boolean enrolled) implements VisitInput {}

    /** A product barcode; {@code code} is the GTIN or SKU as scanned. */
    record ItemScanned(String code, int quantity) implements VisitInput {
        public ItemScanned {
            if (code == null || code.isEmpty()) {
                throw new IllegalArgumentException("item code must not be empty");
            }
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
            }
        }
    }

    /** The receipt barcode that closes the sale: its id and total in cents. */
    record ReceiptScanned(String receiptId, long amountCents) implements VisitInput {
        public ReceiptScanned {
            if (receiptId == null || receiptId.isEmpty()) {
                throw new IllegalArgumentException("receipt id must not be empty");
            }
        }
    }
}
