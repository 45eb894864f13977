package org.loyaltyterminal.device.scan;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A consistent snapshot of what one scanner produced since start, for the status page.
 *
 * @param accepted  frames that decoded into a scan (handed to processing, or dropped by a full hand-off)
 * @param rejected  frames dropped as noise, per reason (every reason present, zero if none)
 * @param handOff   the queue between reading and processing
 */
public record ScannerStats(long accepted, Map<RejectReason, Long> rejected, HandOff handOff) {
    public ScannerStats {
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(handOff, "handOff");
        EnumMap<RejectReason, Long> all = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            all.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = Collections.unmodifiableMap(all);
    }

    /** Frames dropped for any reason. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Frames dropped for {@code reason}. */
    public long rejected(RejectReason reason) {
        return rejected.get(reason);
    }

    /**
     * The bounded queue from the reader thread to the thread that processes scans.
     *
     * @param depth    scans waiting for processing now
     * @param capacity how many may wait; when full, the newest scan is dropped
     * @param dropped  scans dropped because it was full, since start
     */
    public record HandOff(int depth, int capacity, long dropped) {
        /** No queue: a pipeline fed directly, as in tests. */
        public static final HandOff NONE = new HandOff(0, 0, 0);

        public HandOff {
            if (depth < 0 || capacity < 0 || dropped < 0 || depth > capacity) {
                throw new IllegalArgumentException("hand-off figures out of range: depth " + depth + ", capacity "
                        + capacity + ", dropped " + dropped);
            }
        }
    }
}
