package org.loyaltyterminal.terminal.ledger;

/** A referral that must not be written: the referrer is unknown, or the new member was referred before. */
public final class ReferralRefusedException extends StorageException {
    public ReferralRefusedException(String message) {
        super(message);
    }
}
