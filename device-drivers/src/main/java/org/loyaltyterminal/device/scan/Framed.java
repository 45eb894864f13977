package org.loyaltyterminal.device.scan;

import java.util.Arrays;
import java.util.Objects;

/** What the {@link LineFramer} makes of the byte stream: a complete line, or a dropped one. */
sealed interface Framed {

    /**
     * A complete frame, terminator removed.
     *
     * @param bytes          the frame's bytes (a private copy; may be empty)
     * @param completedNanos ticker time at which the frame was known to be complete
     */
    record Line(byte[] bytes, long completedNanos) implements Framed {
        public Line {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && l.completedNanos == completedNanos && Arrays.equals(l.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + Long.hashCode(completedNanos);
        }

        @Override
        public String toString() {
            return "Line[" + Excerpt.of(bytes) + " at " + completedNanos + "]";
        }
    }

    /**
     * A line the framer threw away: too long, or cut off by a gap before its terminator.
     *
     * @param reason  {@link RejectReason#TOO_LONG} or {@link RejectReason#INCOMPLETE}
     * @param length  how many bytes the line had (all of them, not only those kept)
     * @param excerpt a short escaped excerpt, see {@link Excerpt}
     * @param nanos   ticker time at which it was dropped
     */
    record Dropped(RejectReason reason, int length, String excerpt, long nanos) implements Framed {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(excerpt, "excerpt");
        }
    }
}
