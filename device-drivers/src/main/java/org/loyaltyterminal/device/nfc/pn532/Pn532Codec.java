package org.loyaltyterminal.device.nfc.pn532;

import java.util.Objects;

/**
 * Encodes {@link Pn532Frame}s to the bytes of the PN532 host interface. Pure and stateless.
 *
 * <pre>
 * normal:   00 00 FF LEN LCS TFI PD0..PDn DCS 00           (LEN = 1 + n+1 &lt;= 255)
 * extended: 00 00 FF FF FF LENM LENL LCS TFI PD0..PDn DCS 00
 * (LEN + LCS) &amp; 0xFF == 0, (TFI + sum(PD) + DCS) &amp; 0xFF == 0
 * </pre>
 */
public final class Pn532Codec {
    /** Longest PD0..PDn this driver encodes or accepts; the chip's own limit is 264. */
    public static final int MAX_DATA = 511;
    /** Largest data in a normal frame: LEN (TFI + data) must fit in one byte below 0xFF. */
    public static final int MAX_NORMAL_DATA = 254;

    static final byte[] ACK = {0x00, 0x00, (byte) 0xFF, 0x00, (byte) 0xFF, 0x00};
    static final byte[] NACK = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00};
    static final byte[] ERROR = {0x00, 0x00, (byte) 0xFF, 0x01, (byte) 0xFF, 0x7F, (byte) 0x81, 0x00};

    private Pn532Codec() {}

    public static byte[] encode(Pn532Frame frame) {
        Objects.requireNonNull(frame, "frame");
        return switch (frame) {
            case Pn532Frame.Ack a -> ACK.clone();
            case Pn532Frame.Nack n -> NACK.clone();
            case Pn532Frame.ErrorFrame e -> ERROR.clone();
            case Pn532Frame.Information i -> encodeInformation(i.direction().tfi(), i.data());
        };
    }

    private static byte[] encodeInformation(int tfi, byte[] data) {
        int len = data.length + 1;
        boolean extended = data.length > MAX_NORMAL_DATA;
        int header = extended ? 8 : 5;
        byte[] out = new byte[header + len + 2];
        out[0] = 0x00; // preamble
        out[1] = 0x00; // start code
        out[2] = (byte) 0xFF;
        if (extended) {
            out[3] = (byte) 0xFF; // extended marker
            out[4] = (byte) 0xFF;
            out[5] = (byte) (len >> 8); // LENM
            out[6] = (byte) len; // LENL
            out[7] = lengthChecksum((len >> 8) + len); // LCS
        } else {
            out[3] = (byte) len; // LEN
            out[4] = lengthChecksum(len); // LCS
        }
        out[header] = (byte) tfi;
        System.arraycopy(data, 0, out, header + 1, data.length);
        int sum = tfi;
        for (byte b : data) {
            sum += b & 0xFF;
        }
        out[header + len] = (byte) -sum; // DCS
        out[header + len + 1] = 0x00; // postamble
        return out;
    }

    private static byte lengthChecksum(int sum) {
        return (byte) -sum;
    }
}
