package org.loyaltyterminal.terminal.ledger;

/** A receipt that already earned its awards was presented again; the store changed nothing. */
public class ReceiptAlreadyCreditedException extends StorageException {
    public ReceiptAlreadyCreditedException(String receiptId) {
        super("receipt " + receiptId + " was already credited");
    }
}
