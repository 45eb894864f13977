package org.loyaltyterminal.device.nfc.pn532;

import java.util.Objects;

/**
 * What {@link Pn532Decoder} produces from the byte stream: a well-formed {@link Pn532Frame}, or a
 * {@link Malformed} report for bytes it had to throw away.
 */
public sealed interface Pn532Decoded permits Pn532Frame, Pn532Decoded.Malformed {

    /**
     * Bytes that did not form a valid frame and were discarded; the decoder has resynchronised
     * on the next start code.
     *
     * @param reason  what was wrong, e.g. "bad LCS: LEN 0x05 + LCS 0xFA != 0"
     * @param dropped how many bytes were discarded for it
     */
    record Malformed(String reason, int dropped) implements Pn532Decoded {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            if (dropped < 1) {
                throw new IllegalArgumentException("a malformed report drops at least one byte, not " + dropped);
            }
        }
    }
}
