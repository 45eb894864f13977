package org.loyaltyterminal.device.scan;

/**
 * When the bytes of one read arrived, for the silence rule. Pure: the reader passes the ticker
 * times at which its reads returned.
 *
 * <p>A read on this port returns as soon as a byte is there, or empty after its timeout, so
 * bytes returned by a read arrived at most a few milliseconds before it returned: that is their
 * stamp. The one exception is a reader that was itself not running (the process stopped with
 * SIGSTOP, a long GC pause, a starved virtual machine): then the read returns long after the
 * previous one, and the bytes may have waited in the kernel for all that time. Their true
 * arrival is unknown; they are stamped with the earliest possible one, the end of the previous
 * read, so a stall of ours is never taken for silence on the line and never cuts a scan apart.
 * An empty read, on the other hand, proves the line was silent up to its end, stall or not.
 *
 * <p>Not thread-safe: owned by the reader thread, one per opening of the port.
 */
final class ArrivalStamps {
    private final long stallNanos;
    private long previousReadEnded;
    private boolean anyRead;

    /**
     * @param stallNanos the longest a read can take while the reader runs normally (the read
     *                   timeout plus scheduling slack); a longer interval between two reads is a
     *                   stall of the reader, not silence on the line
     */
    ArrivalStamps(long stallNanos) {
        if (stallNanos <= 0) {
            throw new IllegalArgumentException("stall threshold must be positive, got " + stallNanos + " ns");
        }
        this.stallNanos = stallNanos;
    }

    /** A read returned {@code count} bytes (0 when it timed out) at {@code endedNanos}: their arrival stamp. */
    long stamp(int count, long endedNanos) {
        long stamp = endedNanos;
        if (count > 0 && anyRead && endedNanos - previousReadEnded > stallNanos) {
            stamp = previousReadEnded;
        }
        previousReadEnded = endedNanos;
        anyRead = true;
        return stamp;
    }
}
