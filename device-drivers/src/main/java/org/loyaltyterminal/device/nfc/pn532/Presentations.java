package org.loyaltyterminal.device.nfc.pn532;

import java.time.Duration;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * Decides which polls are a new presentation of a card: a different UID at once, the same UID
 * only after the reader saw no card for {@code absentBeforeRearm}. Pure: time comes in as
 * monotonic nanoseconds. Not thread-safe; used by the poll thread only.
 */
final class Presentations {
    private final long rearmNanos;
    private Bytes current = Bytes.EMPTY;
    private boolean absent;
    private long absentSince;

    Presentations(Duration absentBeforeRearm) {
        this.rearmNanos = absentBeforeRearm.toNanos();
    }

    /** A poll found this card: is it a new presentation to report? */
    boolean seen(Bytes uid, long now) {
        boolean isNew = current.isEmpty() || !current.equals(uid) || (absent && now - absentSince >= rearmNanos);
        current = uid;
        absent = false;
        return isNew;
    }

    /** A poll found no card. */
    void nothingSeen(long now) {
        if (!absent) {
            absent = true;
            absentSince = now;
        }
    }

    /** The last presentation was not reported after all (the read was cut short): report it on the next poll. */
    void forget() {
        current = Bytes.EMPTY;
        absent = false;
    }
}
