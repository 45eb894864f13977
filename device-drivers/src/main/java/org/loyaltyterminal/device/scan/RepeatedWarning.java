package org.loyaltyterminal.device.scan;

import java.time.Duration;

/**
 * Counts a warning that may repeat on every scan (a full hand-off, a broken listener) and says
 * when a line is due: the first time, then at most once per interval, carrying the count since
 * the last line, so the journal's rate limit never drops the real problem. One thread only.
 */
final class RepeatedWarning {
    private final long intervalNanos;
    private long total;
    private long totalAtLastLine;
    private long lastLineNanos;
    private boolean logged;

    RepeatedWarning(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Counts one occurrence; returns how many a line due now reports (since the last line), or 0 when none is due. */
    long count(long nowNanos) {
        total++;
        if (logged && nowNanos - lastLineNanos < intervalNanos) {
            return 0;
        }
        long since = total - totalAtLastLine;
        logged = true;
        lastLineNanos = nowNanos;
        totalAtLastLine = total;
        return since;
    }

    /** Occurrences since start. */
    long total() {
        return total;
    }
}
