package org.loyaltyterminal.device.nfc.pn532;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Finds the member number in an NTAG21x user memory (from page 4): an NDEF message TLV
 * {@code 03 len <records> FE} whose first well-known Text record ('T') holds it. NULL TLVs and
 * lock/memory control TLVs before it are skipped. Only messages up to {@link #MAX_BYTES} bytes
 * of user memory are read; anything longer is refused, so a hostile card cannot make the reader
 * loop.
 */
public final class NtagNdef {
    /** Bytes of user memory the driver will read for the TLV: four NTAG READs. */
    public static final int MAX_BYTES = 64;
    /** First user-memory page of an NTAG21x. */
    public static final int FIRST_PAGE = 4;

    private static final int MAX_TEXT = 32;

    private NtagNdef() {}

    /** What the bytes read so far say. */
    public sealed interface Outcome {}

    /** A Text record: language code and text, the text being the member number. */
    public record Text(String language, String text) implements Outcome {
        public Text {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "Text[language=" + language + ", " + text.length() + " characters]";
        }
    }

    /** Read more: the TLV ends at {@code bytesNeeded} (at most {@link #MAX_BYTES}). */
    public record NeedMore(int bytesNeeded) implements Outcome {}

    /** Not a usable member number; the reason says why. */
    public record Refused(String reason) implements Outcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Parses the user memory read so far, from page 4 on. */
    public static Outcome parse(byte[] memory) {
        Objects.requireNonNull(memory, "memory");
        int p = 0;
        while (true) {
            if (p >= memory.length) {
                return needMore(p + 2);
            }
            int t = memory[p] & 0xFF;
            switch (t) {
                case 0x00 -> p++; // NULL TLV
                case 0xFE -> {
                    return new Refused("terminator TLV before any NDEF message");
                }
                case 0x01, 0x02, 0x03, 0xFD -> {
                    if (p + 1 >= memory.length) {
                        return needMore(p + 2);
                    }
                    int len = memory[p + 1] & 0xFF;
                    if (len == 0xFF) {
                        return new Refused("TLV 0x" + Integer.toHexString(t) + " with a 3-byte length, longer than "
                                + MAX_BYTES + " bytes");
                    }
                    int end = p + 2 + len;
                    if (t != 0x03) {
                        p = end; // lock control, memory control, proprietary
                        continue;
                    }
                    if (len == 0) {
                        return new Refused("empty NDEF message");
                    }
                    if (end + 1 > memory.length) {
                        return needMore(end + 1); // + terminator TLV
                    }
                    if ((memory[end] & 0xFF) != 0xFE) {
                        return new Refused(String.format(
                                "NDEF TLV not followed by the terminator FE but 0x%02X", memory[end] & 0xFF));
                    }
                    return firstText(Arrays.copyOfRange(memory, p + 2, end));
                }
                default -> {
                    return new Refused(String.format("unknown TLV type 0x%02X at offset %d", t, p));
                }
            }
        }
    }

    private static Outcome needMore(int bytes) {
        if (bytes > MAX_BYTES) {
            return new Refused(
                    "NDEF data ends after byte " + bytes + ", more than the " + MAX_BYTES + " this reader reads");
        }
        return new NeedMore(bytes);
    }

    /** Walks the records of one NDEF message and returns the first well-known Text record. */
    private static Outcome firstText(byte[] message) {
        int p = 0;
        while (p < message.length) {
            int header = message[p] & 0xFF;
            boolean messageEnd = (header & 0x40) != 0;
            boolean chunked = (header & 0x20) != 0;
            boolean shortRecord = (header & 0x10) != 0;
            boolean idPresent = (header & 0x08) != 0;
            int tnf = header & 0x07;
            if (chunked) {
                return new Refused("chunked NDEF record");
            }
            int q = p + 1;
            int headerBytes = 1 + (shortRecord ? 1 : 4) + (idPresent ? 1 : 0);
            if (q + headerBytes > message.length) {
                return new Refused("NDEF record header truncated at offset " + p);
            }
            int typeLength = message[q++] & 0xFF;
            long payloadLength;
            if (shortRecord) {
                payloadLength = message[q++] & 0xFF;
            } else {
                payloadLength = ((message[q] & 0xFFL) << 24)
                        | ((message[q + 1] & 0xFF) << 16)
                        | ((message[q + 2] & 0xFF) << 8)
                        | (message[q + 3] & 0xFF);
                q += 4;
            }
            int idLength = idPresent ? message[q++] & 0xFF : 0;
            long end = q + (long) typeLength + idLength + payloadLength;
            if (end > message.length) {
                return new Refused("NDEF record at offset " + p + " claims " + payloadLength
                        + " payload bytes, more than the message holds");
            }
            int typeStart = q;
            int payloadStart = q + typeLength + idLength;
            if (tnf == 0x01 && typeLength == 1 && message[typeStart] == 'T') {
                return text(Arrays.copyOfRange(message, payloadStart, (int) end));
            }
            if (messageEnd) {
                break;
            }
            p = (int) end;
        }
        return new Refused("no well-known Text record in the NDEF message");
    }

    private static Outcome text(byte[] payload) {
        if (payload.length == 0) {
            return new Refused("Text record without status byte");
        }
        int status = payload[0] & 0xFF;
        if ((status & 0x80) != 0) {
            return new Refused("Text record in UTF-16; member numbers are written in UTF-8");
        }
        int languageLength = status & 0x3F;
        if (1 + languageLength > payload.length) {
            return new Refused("Text record language length " + languageLength + " exceeds its payload");
        }
        String language = new String(payload, 1, languageLength, StandardCharsets.US_ASCII);
        String text =
                new String(payload, 1 + languageLength, payload.length - 1 - languageLength, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return new Refused("Text record is empty");
        }
        if (text.length() > MAX_TEXT) {
            return new Refused(
                    "Text record of " + text.length() + " characters, a member number has at most " + MAX_TEXT);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return new Refused("Text record has a character outside printable ASCII at position " + i);
            }
        }
        return new Text(language, text);
    }
}
