package org.loyaltyterminal.device.nfc.pn532;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * Parsers for the chip's responses (PD0..PDn of its information frame, response code first).
 * Each throws {@link Pn532ProtocolException} naming what was expected and what came instead.
 */
public final class Pn532Responses {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Pn532Responses() {}

    /**
     * GetFirmwareVersion: IC 0x32 for a PN532.
     *
     * @param support bit 0 ISO/IEC 14443 type A, bit 1 type B, bit 2 ISO 18092
     */
    public record FirmwareVersion(int ic, int version, int revision, int support) {
        @Override
        public String toString() {
            return String.format("IC 0x%02X firmware %d.%d support 0x%02X", ic, version, revision, support);
        }
    }

    /**
     * One ISO 14443A target from InListPassiveTarget. {@link #toString()} shows the UID length only.
     *
     * @param tg      the chip's logical number for the target, used by InDataExchange
     * @param sensRes SENS_RES (ATQA), two bytes as an int
     * @param selRes  SEL_RES (SAK)
     * @param uid     NFCID1: 4, 7 or 10 bytes
     */
    public record Target(int tg, int sensRes, int selRes, Bytes uid) {
        public Target {
            Objects.requireNonNull(uid, "uid");
            if (uid.length() != 4 && uid.length() != 7 && uid.length() != 10) {
                throw new IllegalArgumentException("a type A UID has 4, 7 or 10 bytes, not " + uid.length());
            }
        }

        /** Leaves the UID out: it identifies a person's card. */
        @Override
        public String toString() {
            return String.format(
                    "Target[tg=%d, SENS_RES=%04X, SEL_RES=%02X, uid=(%d bytes)]", tg, sensRes, selRes, uid.length());
        }
    }

    /** The error part (bits 0-5) of an InDataExchange status byte. */
    public enum ExchangeError {
        TIMEOUT(0x01, "timeout: the card did not answer (removed?)"),
        CRC(0x02, "CRC error"),
        PARITY(0x03, "parity error"),
        AUTHENTICATION(0x14, "MIFARE authentication error"),
        WRONG_CONTEXT(0x27, "command not acceptable in the current context"),
        RELEASED(0x29, "target released by the initiator"),
        SYNTAX(0x7F, "syntax error"),
        OTHER(-1, "other error");

        private final int code;
        private final String meaning;

        ExchangeError(int code, String meaning) {
            this.code = code;
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }

        static ExchangeError of(int code) {
            for (ExchangeError e : values()) {
                if (e.code == code) {
                    return e;
                }
            }
            return OTHER;
        }
    }

    /**
     * The status byte of an InDataExchange response: bits 0-5 error code, bit 6 more information
     * follows. The whole byte 0x7F is read as a syntax error.
     */
    public record ExchangeStatus(int raw) {
        public ExchangeStatus {
            if (raw < 0 || raw > 0xFF) {
                throw new IllegalArgumentException("status byte " + raw + " outside 0..255");
            }
        }

        public int errorCode() {
            return raw == 0x7F ? 0x7F : raw & 0x3F;
        }

        public boolean moreInformation() {
            return raw != 0x7F && (raw & 0x40) != 0;
        }

        public boolean ok() {
            return errorCode() == 0;
        }

        public Optional<ExchangeError> error() {
            return ok() ? Optional.empty() : Optional.of(ExchangeError.of(errorCode()));
        }

        /** Timeout, CRC or parity: the card was moved or left the field; trying again may work. */
        public boolean transientFailure() {
            int c = errorCode();
            return c == 0x01 || c == 0x02 || c == 0x03;
        }

        @Override
        public String toString() {
            return String.format("status 0x%02X", raw)
                    + error().map(e -> " (" + e.meaning() + ")").orElse(" (ok)")
                    + (moreInformation() ? " more information follows" : "");
        }
    }

    /** An InDataExchange answer: status and the card's response bytes (empty on error). */
    public record ExchangeReply(ExchangeStatus status, Bytes data) {
        public ExchangeReply {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(data, "data");
        }

        /** Leaves the data out: an NTAG's pages may hold a member number. */
        @Override
        public String toString() {
            return "ExchangeReply[" + status + ", " + data.length() + " bytes]";
        }
    }

    /** A response that carries nothing but its code (SAMConfiguration, RFConfiguration). */
    public static void empty(byte[] data, Pn532Command command) {
        String name = command.getClass().getSimpleName();
        requireCode(data, command.responseCode(), name);
        if (data.length != 1) {
            throw new Pn532ProtocolException(
                    name + " response has " + (data.length - 1) + " unexpected bytes after the code");
        }
    }

    public static FirmwareVersion firmwareVersion(byte[] data) {
        requireCode(data, Pn532Command.GET_FIRMWARE_VERSION + 1, "GetFirmwareVersion");
        if (data.length != 5) {
            throw new Pn532ProtocolException("GetFirmwareVersion response has " + (data.length - 1)
                    + " bytes after the code, expected 4 (IC Ver Rev Support): " + HEX.formatHex(data));
        }
        return new FirmwareVersion(data[1] & 0xFF, data[2] & 0xFF, data[3] & 0xFF, data[4] & 0xFF);
    }

    /** InListPassiveTarget at 106 kbps type A: zero, one or two targets. */
    public static List<Target> targets(byte[] data) {
        requireCode(data, Pn532Command.IN_LIST_PASSIVE_TARGET + 1, "InListPassiveTarget");
        if (data.length < 2) {
            throw new Pn532ProtocolException("InListPassiveTarget response without NbTg");
        }
        int nbTg = data[1] & 0xFF;
        if (nbTg > 2) {
            throw new Pn532ProtocolException("InListPassiveTarget response NbTg " + nbTg + ", at most 2 possible");
        }
        List<Target> out = new ArrayList<>(nbTg);
        int p = 2;
        for (int t = 0; t < nbTg; t++) {
            // Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID1, [ATS] when SEL_RES says ISO 14443-4
            if (p + 5 > data.length) {
                throw truncated(t, data.length);
            }
            int tg = data[p] & 0xFF;
            int sensRes = (data[p + 1] & 0xFF) << 8 | (data[p + 2] & 0xFF);
            int selRes = data[p + 3] & 0xFF;
            int uidLength = data[p + 4] & 0xFF;
            if (uidLength != 4 && uidLength != 7 && uidLength != 10) {
                throw new Pn532ProtocolException("InListPassiveTarget target " + (t + 1) + ": NFCID length " + uidLength
                        + ", expected 4, 7 or 10");
            }
            p += 5;
            if (p + uidLength > data.length) {
                throw truncated(t, data.length);
            }
            Bytes uid = Bytes.copyOfRange(data, p, p + uidLength);
            p += uidLength;
            if ((selRes & 0x20) != 0 && p < data.length) {
                int atsLength = data[p] & 0xFF; // TL counts itself
                if (atsLength == 0 || p + atsLength > data.length) {
                    throw truncated(t, data.length);
                }
                p += atsLength;
            }
            out.add(new Target(tg, sensRes, selRes, uid));
        }
        if (p != data.length) {
            throw new Pn532ProtocolException("InListPassiveTarget response has " + (data.length - p)
                    + " unexpected trailing bytes after " + nbTg + " target(s)");
        }
        return List.copyOf(out);
    }

    public static ExchangeReply exchange(byte[] data) {
        requireCode(data, Pn532Command.IN_DATA_EXCHANGE + 1, "InDataExchange");
        if (data.length < 2) {
            throw new Pn532ProtocolException("InDataExchange response without status byte");
        }
        return new ExchangeReply(new ExchangeStatus(data[1] & 0xFF), Bytes.copyOfRange(data, 2, data.length));
    }

    /** The 16 bytes of an NTAG READ, or an exception that says which status or length came instead. */
    public static byte[] ntagReadBytes(ExchangeReply reply) {
        if (!reply.status().ok()) {
            throw new Pn532ProtocolException("NTAG READ failed: " + reply.status());
        }
        if (reply.data().length() != 16) {
            throw new Pn532ProtocolException(
                    "NTAG READ returned " + reply.data().length() + " bytes, expected 16");
        }
        return reply.data().toArray();
    }

    private static Pn532ProtocolException truncated(int target, int length) {
        return new Pn532ProtocolException(
                "InListPassiveTarget response truncated in target " + (target + 1) + " (" + length + " bytes)");
    }

    private static void requireCode(byte[] data, int expected, String command) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0 || (data[0] & 0xFF) != expected) {
            throw new Pn532ProtocolException(String.format(
                    "%s: expected response code 0x%02X, got %s",
                    command, expected, data.length == 0 ? "no data" : String.format("0x%02X", data[0] & 0xFF)));
        }
    }
}
