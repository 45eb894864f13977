package org.loyaltyterminal.terminal.ledger;

/** A reward costs more points than the member holds; nothing changed. */
public final class NotEnoughPointsException extends StorageException {
    public NotEnoughPointsException(String rewardText, long cost, long balance) {
        super(rewardText + " costs " + cost + " points, the member has " + balance);
    }
}
