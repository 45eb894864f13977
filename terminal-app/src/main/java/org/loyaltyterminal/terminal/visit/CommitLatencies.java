package org.loyaltyterminal.terminal.visit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Scan-to-commit latency of the most recent committed scans: from the moment the driver had the
 * complete frame to the end of the SQLite commit. A fixed ring, so memory stays constant on a
 * till that runs for months; the daemon reports it when it stops (and the status page will).
 */
public final class CommitLatencies {
    private final long[] ring;
    private long recorded;

    public CommitLatencies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        ring = new long[capacity];
    }

    public synchronized void record(long nanos) {
        ring[(int) (recorded % ring.length)] = nanos;
        recorded++;
    }

    /** Committed scans since start, beyond what the ring holds. */
    public synchronized long recorded() {
        return recorded;
    }

    /** Percentiles over the scans still in the ring; empty before the first commit. */
    public synchronized Optional<Summary> summary() {
        int n = (int) Math.min(recorded, ring.length);
        if (n == 0) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(ring, n);
        Arrays.sort(sorted);
        return Optional.of(new Summary(n, rank(sorted, 50), rank(sorted, 99), sorted[n - 1]));
    }

    private static long rank(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    public record Summary(int scans, long p50Nanos, long p99Nanos, long maxNanos) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "p50 %.3f ms  p99 %.3f ms  max %.3f ms  (last %d committed scans)",
                    p50Nanos / 1e6,
                    p99Nanos / 1e6,
                    maxNanos / 1e6,
                    scans);
        }
    }
}
