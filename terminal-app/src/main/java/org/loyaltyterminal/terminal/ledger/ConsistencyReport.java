package org.loyaltyterminal.terminal.ledger;

import java.util.List;

/** The result of recomputing every balance from the ledger. */
public record ConsistencyReport(long ledgerRows, long members, long lastSequence, List<Discrepancy> discrepancies) {
    public ConsistencyReport {
        discrepancies = List.copyOf(discrepancies);
    }

    public boolean consistent() {
        return discrepancies.isEmpty();
    }
}
