package org.loyaltyterminal.device.nfc;

import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * One presentation of a contactless card, as it leaves a reader driver. Reported once per
 * presentation: a card held on the reader is not reported again until it has been away.
 *
 * <p>The UID identifies a person's card: {@link #toString()} never shows it, and the terminal
 * stores and logs only a keyed hash of it.
 *
 * @param source         the configured reader name
 * @param uid            4, 7 or 10 bytes (ISO 14443A single, double, triple size)
 * @param memberNumber   the member number from the card's NDEF Text record, when the reader was
 *                       configured to read it and the card carries one
 * @param monotonicNanos {@link org.loyaltyterminal.device.Ticker} time when the card was seen
 */
public record CardRead(String source, Bytes uid, Optional<String> memberNumber, long monotonicNanos) {
    public CardRead {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(memberNumber, "memberNumber");
        if (uid.length() != 4 && uid.length() != 7 && uid.length() != 10) {
            throw new IllegalArgumentException("a card UID has 4, 7 or 10 bytes, this one " + uid.length());
        }
    }

    /** Leaves the UID and the member number out: both identify a person. */
    @Override
    public String toString() {
        return "CardRead[source=" + source + ", uid=(" + uid.length() + " bytes), memberNumber="
                + memberNumber.map(n -> "(present)").orElse("(none)") + ", monotonicNanos=" + monotonicNanos + "]";
    }
}
