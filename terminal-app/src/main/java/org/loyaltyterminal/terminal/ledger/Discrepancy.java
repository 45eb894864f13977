package org.loyaltyterminal.terminal.ledger;

/**
 * A balance that differs from the ledger's sum.
 *
 * @param subject which balance, e.g. "points of member ••••0017" or "stamps coffee-card of member ••••0017"
 */
public record Discrepancy(String subject, long ledgerSum, long balance) {
    @Override
    public String toString() {
        return subject + ": ledger says " + ledgerSum + ", balance says " + balance;
    }
}
