package org.loyaltyterminal.terminal.visit;

import org.loyaltyterminal.terminal.ledger.VisitBalance;

/**
 * Asks HQ for the balance of a member whose visit is opening, so that a member who earned at
 * other stores finds it here. Must return at once: the scan's commit and the cashier's line never
 * wait for HQ. The answer, if it comes in time, is applied like a member snapshot on the HQ link's
 * own thread; the visit records which balance it used.
 */
@FunctionalInterface
public interface BalanceLookup {
    /**
     * Sends the question if the HQ link is up, and says what the visit opens on: a question on
     * its way, or this till's balance and why. Called inside the scan's unit of work.
     */
    VisitBalance ask(String card, String visitId);

    /** No HQ link, or lookups turned off: every visit uses this till's balance. */
    static BalanceLookup off() {
        return (card, visitId) -> VisitBalance.till();
    }
}
