package org.loyaltyterminal.terminal.ledger;

import java.util.Optional;

/** The port for how storage is doing, and its upkeep: for the status page, the benchmark and housekeeping. */
public interface StorageHealth {

    long outboxDepth();

    /**
     * Transactions that wrote and committed since the store opened. With SQLite's
     * synchronous=FULL each is one sync of the WAL: the benchmark prints them per scan.
     */
    long writeCommits();

    /** What is wrong with storage while writes fail (a full disk, say); empty when the last write committed. */
    Optional<StorageFault> fault();

    /** Storage upkeep off the scan path (for SQLite: a WAL checkpoint); never blocks a scan. */
    void maintain();
}
