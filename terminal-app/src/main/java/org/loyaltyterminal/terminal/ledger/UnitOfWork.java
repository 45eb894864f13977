package org.loyaltyterminal.terminal.ledger;

import java.util.function.Supplier;

/** The port for running several store calls as one transaction. */
public interface UnitOfWork {

    /**
     * Runs {@code work}, and every call it makes on this store, in one transaction: what it reads
     * is not changed by another writer (HQ's updates, say) before its writes commit, and they
     * commit together, with one sync. A store call inside that fails takes back only its own
     * writes; an exception out of {@code work} takes back everything. Calls from other threads
     * wait until the unit ends.
     */
    <T> T inOneTransaction(String what, Supplier<T> work);
}
