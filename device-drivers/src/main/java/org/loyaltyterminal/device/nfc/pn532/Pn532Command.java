package org.loyaltyterminal.device.nfc.pn532;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * The PN532 commands this driver sends, as values. {@link #data()} is PD0..PDn of the host's
 * information frame; the chip answers with code + 1.
 */
public sealed interface Pn532Command {
    int SAM_CONFIGURATION = 0x14;
    int GET_FIRMWARE_VERSION = 0x02;
    int RF_CONFIGURATION = 0x32;
    int IN_LIST_PASSIVE_TARGET = 0x4A;
    int IN_DATA_EXCHANGE = 0x40;
    /** NTAG / MIFARE Ultralight READ: 16 bytes (four pages) from the given page. */
    int NTAG_READ = 0x30;

    int code();

    byte[] data();

    default int responseCode() {
        return code() + 1;
    }

    /**
     * SAMConfiguration in normal mode (no SAM): wakes the chip from low-battery mode; must be the
     * first command.
     *
     * @param timeout50ms virtual-card timeout in 50 ms units, 0..255 (0x14 = 1 s)
     * @param useIrq      whether the chip drives its IRQ pin
     */
    record SamConfiguration(int timeout50ms, boolean useIrq) implements Pn532Command {
        public SamConfiguration {
            requireByte(timeout50ms, "SAMConfiguration timeout50ms");
        }

        @Override
        public int code() {
            return SAM_CONFIGURATION;
        }

        @Override
        public byte[] data() {
            return new byte[] {SAM_CONFIGURATION, 0x01, (byte) timeout50ms, (byte) (useIrq ? 1 : 0)};
        }
    }

    record GetFirmwareVersion() implements Pn532Command {
        @Override
        public int code() {
            return GET_FIRMWARE_VERSION;
        }

        @Override
        public byte[] data() {
            return new byte[] {GET_FIRMWARE_VERSION};
        }
    }

    /**
     * RFConfiguration item 05 (MaxRetries). With passive-activation retries below 0xFF,
     * InListPassiveTarget answers "no card" instead of waiting until a card appears.
     */
    record RfMaxRetries(int atrRes, int psl, int passiveActivation) implements Pn532Command {
        public RfMaxRetries {
            requireByte(atrRes, "MaxRetries atrRes");
            requireByte(psl, "MaxRetries psl");
            requireByte(passiveActivation, "MaxRetries passiveActivation");
        }

        @Override
        public int code() {
            return RF_CONFIGURATION;
        }

        @Override
        public byte[] data() {
            return new byte[] {RF_CONFIGURATION, 0x05, (byte) atrRes, (byte) psl, (byte) passiveActivation};
        }
    }

    /** InListPassiveTarget at 106 kbps type A (ISO 14443A), for 1 or 2 targets. */
    record InListPassiveTarget(int maxTargets) implements Pn532Command {
        public InListPassiveTarget {
            if (maxTargets != 1 && maxTargets != 2) {
                throw new IllegalArgumentException(
                        "InListPassiveTarget maxTargets = " + maxTargets + "; expected 1 or 2");
            }
        }

        @Override
        public int code() {
            return IN_LIST_PASSIVE_TARGET;
        }

        @Override
        public byte[] data() {
            return new byte[] {IN_LIST_PASSIVE_TARGET, (byte) maxTargets, 0x00};
        }
    }

    /**
     * InDataExchange: sends {@code payload} to target {@code tg}.
     *
     * <p>A final class, not a record: {@link #payload()} stays a {@code byte[]} (a copy) for the chip
     * emulator, while the command keeps its bytes immutable and compares them by content.
     *
     * @see #ntagRead(int, int)
     */
    final class InDataExchange implements Pn532Command {
        private final int tg;
        private final Bytes payload;

        /** Sends a copy of {@code payload} (1 to 262 bytes) to target {@code tg}. */
        public InDataExchange(int tg, byte[] payload) {
            requireByte(tg, "InDataExchange tg");
            Objects.requireNonNull(payload, "payload");
            if (payload.length == 0 || payload.length > 262) {
                throw new IllegalArgumentException(
                        "InDataExchange payload of " + payload.length + " bytes; expected 1..262");
            }
            this.tg = tg;
            this.payload = Bytes.copyOf(payload);
        }

        /** NTAG READ of four pages from {@code page}. */
        public static InDataExchange ntagRead(int tg, int page) {
            requireByte(page, "NTAG READ page");
            return new InDataExchange(tg, new byte[] {NTAG_READ, (byte) page});
        }

        public int tg() {
            return tg;
        }

        /** What goes to the card, as a new array. */
        public byte[] payload() {
            return payload.toArray();
        }

        @Override
        public int code() {
            return IN_DATA_EXCHANGE;
        }

        @Override
        public byte[] data() {
            byte[] d = new byte[2 + payload.length()];
            d[0] = IN_DATA_EXCHANGE;
            d[1] = (byte) tg;
            for (int i = 0; i < payload.length(); i++) {
                d[2 + i] = payload.get(i);
            }
            return d;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InDataExchange x && tg == x.tg && payload.equals(x.payload);
        }

        @Override
        public int hashCode() {
            return 31 * tg + payload.hashCode();
        }

        @Override
        public String toString() {
            return "InDataExchange[tg=" + tg + ", " + payload.length() + " bytes, first 0x"
                    + Integer.toHexString(payload.get(0) & 0xFF) + "]";
        }
    }

    /** Reads a host's command back from frame data; empty for commands this driver never sends. */
    static Optional<Pn532Command> parse(byte[] data) {
        if (data.length == 0) {
            return Optional.empty();
        }
        int code = data[0] & 0xFF;
        try {
            return switch (code) {
                case SAM_CONFIGURATION ->
                    data.length >= 3 && data[1] == 0x01
                            ? Optional.of(new SamConfiguration(data[2] & 0xFF, data.length >= 4 && data[3] != 0))
                            : Optional.empty();
                case GET_FIRMWARE_VERSION ->
                    data.length == 1 ? Optional.of(new GetFirmwareVersion()) : Optional.empty();
                case RF_CONFIGURATION ->
                    data.length == 5 && data[1] == 0x05
                            ? Optional.of(new RfMaxRetries(data[2] & 0xFF, data[3] & 0xFF, data[4] & 0xFF))
                            : Optional.empty();
                case IN_LIST_PASSIVE_TARGET ->
                    data.length == 3 && data[2] == 0x00
                            ? Optional.of(new InListPassiveTarget(data[1] & 0xFF))
                            : Optional.empty();
                case IN_DATA_EXCHANGE ->
                    data.length >= 3
                            ? Optional.of(new InDataExchange(data[1] & 0xFF, Arrays.copyOfRange(data, 2, data.length)))
                            : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void requireByte(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " = " + value + "; expected 0..255");
        }
    }
}
