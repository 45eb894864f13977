package org.loyaltyterminal.terminal.ledger;

/** A refund that was processed before was presented again; the store changed nothing. */
public final class RefundAlreadyProcessedException extends StorageException {
    public RefundAlreadyProcessedException(String refundId, String originalReceiptId) {
        super("refund " + refundId + " of receipt " + originalReceiptId
                + " was already processed; a refund reverses once");
    }
}
