package org.loyaltyterminal.terminal.ledger;

/** A manual change to a member refused before anything was written (unknown member, negative balance). */
public final class AdjustmentRefusedException extends StorageException {
    public AdjustmentRefusedException(String message) {
        super(message);
    }
}
