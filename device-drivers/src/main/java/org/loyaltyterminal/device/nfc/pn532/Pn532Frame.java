package org.loyaltyterminal.device.nfc.pn532;

import java.util.HexFormat;
import java.util.Objects;
import org.loyaltyterminal.core.bytes.Bytes;

/**
 * The frames of the PN532 host interface (user manual UM0701-02, section 6.2.1), as values
 * without any wire detail. {@link Pn532Codec} turns them into bytes, {@link Pn532Decoder} back.
 */
public sealed interface Pn532Frame extends Pn532Decoded
        permits Pn532Frame.Information, Pn532Frame.Ack, Pn532Frame.Nack, Pn532Frame.ErrorFrame {

    /** The frame identifier (TFI) of an information frame: who sent it. */
    enum Direction {
        HOST_TO_CHIP(0xD4),
        CHIP_TO_HOST(0xD5);

        private final int tfi;

        Direction(int tfi) {
            this.tfi = tfi;
        }

        public int tfi() {
            return tfi;
        }
    }

    /**
     * A normal or extended information frame; the wire format follows from the length.
     *
     * <p>A final class, not a record: the codec, the session's response parsers and the chip
     * emulator all work on {@code byte[]}, so {@link #data()} hands out a copy as one, while the
     * frame keeps its bytes immutable and compares them by content.
     */
    final class Information implements Pn532Frame {
        private final Direction direction;
        private final Bytes data;

        /**
         * A frame with a copy of {@code data}.
         *
         * @param direction TFI D4 (host to chip) or D5 (chip to host)
         * @param data      PD0..PDn: the command or response code followed by its parameters; at
         *                  least one byte
         */
        public Information(Direction direction, byte[] data) {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(data, "data");
            if (data.length == 0) {
                throw new IllegalArgumentException("an information frame carries at least a command code");
            }
            if (data.length > Pn532Codec.MAX_DATA) {
                throw new IllegalArgumentException("an information frame carries at most " + Pn532Codec.MAX_DATA
                        + " data bytes, not " + data.length);
            }
            this.direction = direction;
            this.data = Bytes.copyOf(data);
        }

        public static Information fromHost(byte... data) {
            return new Information(Direction.HOST_TO_CHIP, data);
        }

        public static Information fromChip(byte... data) {
            return new Information(Direction.CHIP_TO_HOST, data);
        }

        public Direction direction() {
            return direction;
        }

        /** PD0..PDn, as a new array. */
        public byte[] data() {
            return data.toArray();
        }

        /** PD0: the command code (host to chip) or response code (chip to host). */
        public int code() {
            return data.get(0) & 0xFF;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Information i && direction == i.direction && data.equals(i.data);
        }

        @Override
        public int hashCode() {
            return 31 * direction.hashCode() + data.hashCode();
        }

        @Override
        public String toString() {
            // Data may carry a card UID: show the code and the length only.
            return "Information[" + direction + ", code=0x"
                    + HexFormat.of().withUpperCase().toHexDigits((byte) code()) + ", " + data.length() + " bytes]";
        }
    }

    /** {@code 00 00 FF 00 FF 00}: command received; from the host, cancels the pending command. */
    record Ack() implements Pn532Frame {}

    /** {@code 00 00 FF FF 00 00}: please send the last frame again. */
    record Nack() implements Pn532Frame {}

    /** {@code 00 00 FF 01 FF 7F 81 00}: the chip saw a syntax error in the host's frame. */
    record ErrorFrame() implements Pn532Frame {}
}
