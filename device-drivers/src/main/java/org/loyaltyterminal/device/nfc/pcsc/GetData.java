package org.loyaltyterminal.device.nfc.pcsc;

import java.util.HexFormat;
import java.util.Objects;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * The PC/SC part 3 pseudo-APDU that asks the reader for the card's UID, and its answer.
 * Codec only; the transport is javax.smartcardio.
 */
final class GetData {
    /** CLA FF (reader), INS CA (GET DATA), P1 00 (UID), P2 00, Le 00 (all of it). */
    static final byte[] UID_COMMAND = {(byte) 0xFF, (byte) 0xCA, 0x00, 0x00, 0x00};

    /** What a GET DATA answer means. */
    sealed interface Answer {}

    /** SW 90 00 after a 4, 7 or 10 byte UID. */
    record Uid(Bytes uid) implements Answer {
        Uid {
            Objects.requireNonNull(uid, "uid");
        }

        /** Leaves the UID out: it identifies a person's card. */
        @Override
        public String toString() {
            return "Uid[(" + uid.length() + " bytes)]";
        }
    }

    /** Any status word other than 90 00: the reader or card refused. */
    record Refused(int sw) implements Answer {
        String hex() {
            return String.format("%04X", sw);
        }
    }

    /** SW 90 00 but a data length no ISO 14443 UID has, or fewer than two bytes in all. */
    record Malformed(int length, String reason) implements Answer {}

    private GetData() {}

    static Answer parse(byte[] response) {
        Objects.requireNonNull(response, "response");
        if (response.length < 2) {
            return new Malformed(response.length, "no status word");
        }
        int n = response.length - 2;
        int sw = ((response[n] & 0xFF) << 8) | (response[n + 1] & 0xFF);
        if (sw != 0x9000) {
            return new Refused(sw);
        }
        if (n != 4 && n != 7 && n != 10) {
            return new Malformed(response.length, n + " data bytes where a UID has 4, 7 or 10");
        }
        return new Uid(Bytes.copyOfRange(response, 0, n));
    }

    /** What a refusal usually means, for the log line. */
    static String meaning(int sw) {
        return switch (sw) {
            case 0x6A81 -> "function not supported";
            case 0x6300 -> "operation failed, the card may have left the field";
            case 0x6B00 -> "wrong parameter P1/P2";
            case 0x6D00, 0x6E00 -> "instruction or class not supported by this reader";
            default -> (sw >> 8) == 0x6C ? "wrong length, the reader asks for Le " + (sw & 0xFF) : "unexpected status";
        };
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
