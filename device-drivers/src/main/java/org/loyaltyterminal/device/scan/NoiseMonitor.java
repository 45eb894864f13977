package org.loyaltyterminal.device.scan;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Counts accepted and rejected frames and logs noise once per burst, never once per frame: a
 * scanner with a loose cable can produce thousands of garbage frames a minute.
 *
 * <p>The first rejection logs one WARN line (reason, detail, short escaped excerpt). Further
 * rejections less than the quiet period after the previous one belong to the same burst and are
 * only counted. The burst ends at the next accepted scan, at the next rejection after the quiet
 * period, or when the reader reports the line idle past the quiet period; if it held more than
 * the first frame, one INFO line then says how many were dropped and why.
 *
 * <p>Thread-safe: the reader thread records, any thread may take a {@link #snapshot()}.
 */
final class NoiseMonitor {
    private final String component;
    private final long quietNanos;
    private final Logger log;

    private long accepted;
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    private boolean burstOpen;
    private long burstStartNanos;
    private long burstLastNanos;
    private final EnumMap<RejectReason, Long> burst = new EnumMap<>(RejectReason.class);

    /**
     * @param component prefix of every log line, e.g. "scanner 'scanner' (/dev/ttyACM0)"
     */
    NoiseMonitor(String component, Duration quietPeriod, Logger log) {
        this.component = Objects.requireNonNull(component, "component");
        this.quietNanos = quietPeriod.toNanos();
        this.log = Objects.requireNonNull(log, "log");
    }

    synchronized void accepted(long nowNanos) {
        accepted++;
        endBurst();
    }

    synchronized void rejected(ScanResult.Rejected r) {
        rejected.merge(r.reason(), 1L, Long::sum);
        if (burstOpen && r.monotonicNanos() - burstLastNanos > quietNanos) {
            endBurst();
        }
        if (!burstOpen) {
            burstOpen = true;
            burstStartNanos = r.monotonicNanos();
            log.warn("{}: dropped a frame as noise: {} ({}), frame {}; further noise within {} ms is counted, "
                            + "not logged; check the scanner's configuration and cable if this repeats",
                    component, r.reason(), r.detail(), r.excerpt(), Duration.ofNanos(quietNanos).toMillis());
        }
        burst.merge(r.reason(), 1L, Long::sum);
        burstLastNanos = r.monotonicNanos();
    }

    /** The line was idle at {@code nowNanos}: closes a burst whose quiet period has passed. */
    synchronized void idle(long nowNanos) {
        if (burstOpen && nowNanos - burstLastNanos > quietNanos) {
            endBurst();
        }
    }

    synchronized ScannerStats snapshot() {
        return new ScannerStats(accepted, rejected, ScannerStats.HandOff.NONE);
    }

    private void endBurst() {
        if (!burstOpen) {
            return;
        }
        long total = burst.values().stream().mapToLong(Long::longValue).sum();
        if (total > 1) {
            String byReason = burst.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            log.info("{}: noise burst over: {} frames dropped in {} ms ({}); total dropped since start {}",
                    component, total, Duration.ofNanos(burstLastNanos - burstStartNanos).toMillis(), byReason,
                    rejected.values().stream().mapToLong(Long::longValue).sum());
        }
        burstOpen = false;
        burst.clear();
    }

    /** For tests and the status page: the reasons of the burst in progress. */
    synchronized Map<RejectReason, Long> currentBurst() {
        return Map.copyOf(burst);
    }
}
