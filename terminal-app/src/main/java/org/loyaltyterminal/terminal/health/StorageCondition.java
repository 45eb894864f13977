package org.loyaltyterminal.terminal.health;

import java.util.Optional;
import org.loyaltyterminal.terminal.ledger.StorageFault;

/**
 * The port through which the health model learns whether storage works. The store implements
 * it (its commits know about SQLITE_FULL and I/O errors first); until then {@link ProbedStorage}
 * feeds it from a one-row read. Called every second off the scan path: must not block on the
 * store's lock.
 */
@FunctionalInterface
public interface StorageCondition {
    /** Empty while storage works. */
    Optional<StorageFault> fault();
}
