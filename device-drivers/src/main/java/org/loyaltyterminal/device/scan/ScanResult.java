package org.loyaltyterminal.device.scan;

import java.util.Objects;

/** The decoder's verdict on one frame: a scan to pass on, or noise to count. */
public sealed interface ScanResult {

    /** A frame that became a scan. */
    record Accepted(ScanEvent scan) implements ScanResult {
        public Accepted {
            Objects.requireNonNull(scan, "scan");
        }
    }

    /**
     * A frame that was dropped.
     *
     * @param reason         why
     * @param detail         what exactly was wrong, without the payload (e.g. "check digit is 2, expected 1")
     * @param excerpt        a short escaped excerpt of the frame, safe for a log line (see {@link Excerpt})
     * @param monotonicNanos ticker time of the frame
     */
    record Rejected(RejectReason reason, String detail, String excerpt, long monotonicNanos) implements ScanResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(excerpt, "excerpt");
        }
    }
}
