package org.loyaltyterminal.device.scan;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A consistent snapshot of what one scanner produced since start, for the status page.
 *
 * @param accepted  scans passed to the listener
 * @param rejected  frames dropped as noise, per reason (every reason present, zero if none)
 */
public record ScannerStats(long accepted, Map<RejectReason, Long> rejected) {
    public ScannerStats {
        Objects.requireNonNull(rejected, "rejected");
        EnumMap<RejectReason, Long> all = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            all.put(r, rejected.getOrDefault(r, 0L));
        }
        rejected = java.util.Collections.unmodifiableMap(all);
    }

    /** Frames dropped for any reason. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Frames dropped for {@code reason}. */
    public long rejected(RejectReason reason) {
        return rejected.get(reason);
    }
}
