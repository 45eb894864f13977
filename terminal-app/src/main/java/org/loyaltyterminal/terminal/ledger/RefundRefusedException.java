package org.loyaltyterminal.terminal.ledger;

/** A refund that cannot be processed here (its original receipt earned nothing at this terminal); nothing changed. */
public final class RefundRefusedException extends StorageException {
    public RefundRefusedException(String message) {
        super(message);
    }
}
