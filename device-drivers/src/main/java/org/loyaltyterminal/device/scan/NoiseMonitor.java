package org.loyaltyterminal.device.scan;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Counts accepted and rejected frames and logs noise once per burst, never once per frame: a
 * scanner with a loose cable can produce thousands of garbage frames a minute, and journald
 * drops a service's lines beyond its rate limit, real problems included.
 *
 * <p>The first rejection logs one WARN line (reason, detail, short escaped excerpt). Further
 * rejections less than the quiet period after the previous one belong to the same burst and are
 * only counted, as the WARN line promises, whatever good scans come in between: noise
 * interleaved with good scans is one burst, not one burst per scan. The burst ends when the
 * quiet period has passed since its last rejection, noticed at the next rejection, accepted scan
 * or idle read; if it held more than the first frame, one INFO line then says how many were
 * dropped and why. A burst that never pauses gets one such INFO line per {@link #SUMMARY_EVERY}.
 * So the lines are bounded by time, never by the number of frames.
 *
 * <p>Thread-safe: the reader thread records, any thread may take a {@link #snapshot()}.
 */
final class NoiseMonitor {
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private final String component;
    private final long quietNanos;
    private final Logger log;

    private long accepted;
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    private boolean burstOpen;
    private long burstStartNanos;
    private long summarisedNanos;
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
        idle(nowNanos);
    }

    synchronized void rejected(ScanResult.Rejected r) {
        rejected.merge(r.reason(), 1L, Long::sum);
        if (burstOpen && r.monotonicNanos() - burstLastNanos > quietNanos) {
            endBurst();
        }
        if (!burstOpen) {
            burstOpen = true;
            burstStartNanos = r.monotonicNanos();
            summarisedNanos = burstStartNanos;
            log.warn(
                    "{}: dropped a frame as noise: {} ({}), frame {}; further noise within {} ms is counted, "
                            + "not logged; check the scanner's configuration and cable if this repeats",
                    component,
                    r.reason(),
                    r.detail(),
                    r.excerpt(),
                    Duration.ofNanos(quietNanos).toMillis());
        }
        burst.merge(r.reason(), 1L, Long::sum);
        burstLastNanos = r.monotonicNanos();
        if (burstLastNanos - summarisedNanos >= SUMMARY_EVERY.toNanos()) {
            summarise("noise continues");
            summarisedNanos = burstLastNanos;
            burst.clear();
        }
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
        // A burst of one was told in full by its WARN; one summarised a minute ago has only the rest.
        if (total > 1 || (total == 1 && summarisedNanos != burstStartNanos)) {
            summarise("noise burst over");
        }
        burstOpen = false;
        burst.clear();
    }

    private void summarise(String what) {
        long total = burst.values().stream().mapToLong(Long::longValue).sum();
        String byReason = burst.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        log.info(
                "{}: {}: {} frames dropped in {} ms ({}); total dropped since start {}",
                component,
                what,
                total,
                Duration.ofNanos(burstLastNanos - summarisedNanos).toMillis(),
                byReason,
                rejected.values().stream().mapToLong(Long::longValue).sum());
    }

    /** For tests and the status page: the reasons of the burst in progress. */
    synchronized Map<RejectReason, Long> currentBurst() {
        return Map.copyOf(burst);
    }
}
