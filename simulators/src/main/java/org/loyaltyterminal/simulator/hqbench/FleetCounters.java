package org.loyaltyterminal.simulator.hqbench;

import java.util.concurrent.atomic.AtomicLong;

/** What the tills report to the benchmark's thread, from their loops' threads. */
final class FleetCounters {
    /** Tills connected and subscribed to their acknowledgements now. */
    final Tally online = new Tally();
    /** Tills whose every written event HQ acknowledged, since their last write. */
    final Tally drained = new Tally();
    /** Events acknowledged by HQ, over all tills. */
    final Tally acknowledged = new Tally();
    /** When the last till so far was drained (System.nanoTime). */
    final AtomicLong lastDrainedAt = new AtomicLong();
    /** When the last till so far came online (System.nanoTime). */
    final AtomicLong lastOnlineAt = new AtomicLong();

    final AtomicLong batchesSent = new AtomicLong();
    /** Times a till sent its unacknowledged events again after HQ's acknowledgement timeout. */
    final AtomicLong resends = new AtomicLong();
    /** Connections lost, refused or failed (not our own DISCONNECTs); the till reconnects with backoff. */
    final AtomicLong lostConnections = new AtomicLong();
    /** Acknowledgements a till could not read or that named another terminal. */
    final AtomicLong badAcks = new AtomicLong();
}
