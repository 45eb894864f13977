package org.loyaltyterminal.terminal.health;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.loyaltyterminal.terminal.ledger.StorageFault;

/**
 * Storage's condition from a probe (a one-row read on a connection of its own): failing from the
 * first probe that throws until one succeeds. Stands in until the store reports its own condition.
 */
public final class ProbedStorage implements StorageCondition {
    private final Runnable probe;
    private final InstantSource wall;
    private Instant failingSince;

    /** @param probe throws when storage does not answer */
    public ProbedStorage(Runnable probe, InstantSource wall) {
        this.probe = probe;
        this.wall = wall;
    }

    @Override
    public synchronized Optional<StorageFault> fault() {
        try {
            probe.run();
            failingSince = null;
            return Optional.empty();
        } catch (RuntimeException e) {
            if (failingSince == null) {
                failingSince = wall.instant();
            }
            return Optional.of(new StorageFault(
                    "the ledger does not answer a read: " + e.getMessage(),
                    "check the data disk (df -h /var/lib/loyalty-terminal, dmesg) and call support",
                    failingSince,
                    true));
        }
    }
}
