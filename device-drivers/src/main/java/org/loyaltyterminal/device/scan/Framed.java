package org.loyaltyterminal.device.scan;

import java.util.Objects;
import org.loyaltyterminal.core.bytes.Bytes;

/** What the {@link LineFramer} makes of the byte stream: a complete line, or a dropped one. */
sealed interface Framed {

    /**
     * A complete frame, terminator removed.
     *
     * @param bytes          the frame's bytes (may be empty)
     * @param completedNanos ticker time at which the frame was known to be complete
     */
    record Line(Bytes bytes, long completedNanos) implements Framed {
        public Line {
            Objects.requireNonNull(bytes, "bytes");
        }

        /** An escaped excerpt, as for a dropped line: a frame may carry a member number. */
        @Override
        public String toString() {
            return "Line[" + Excerpt.of(bytes.toArray()) + " at " + completedNanos + "]";
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
