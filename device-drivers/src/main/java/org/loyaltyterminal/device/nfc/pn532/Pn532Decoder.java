package org.loyaltyterminal.device.nfc.pn532;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.loyaltyterminal.device.nfc.pn532.Pn532Decoded.Malformed;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Direction;

/**
 * Streaming decoder for the PN532 host interface, fed with chunks as they arrive from the line,
 * split anywhere. Zero bytes between frames (preambles, postambles) are skipped silently. A frame
 * with a bad LCS, bad DCS, unknown TFI or missing postamble is reported as {@link Malformed} and
 * the decoder resynchronises on the next start code {@code 00 FF}, so it can never get stuck.
 * Non-zero bytes that precede a start code are reported once as noise. The buffer is bounded: it
 * never holds more than one incomplete frame.
 *
 * <p>Not thread-safe: one decoder per reading thread.
 */
public final class Pn532Decoder {
    private static final int CAPACITY = 1024;
    private static final int MAX_LEN = Pn532Codec.MAX_DATA + 1;

    private final byte[] buf = new byte[CAPACITY];
    private int count;
    /** After a malformed frame the bytes up to the next start code belong to it: drop them silently. */
    private boolean resyncing;

    /** Feeds {@code length} bytes; returns every frame or malformed report they completed, in order. */
    public List<Pn532Decoded> feed(byte[] chunk, int offset, int length) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.checkFromIndexSize(offset, length, chunk.length);
        List<Pn532Decoded> out = new ArrayList<>();
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, CAPACITY - count);
            System.arraycopy(chunk, offset + done, buf, count, n);
            count += n;
            done += n;
            parse(out);
        }
        return out;
    }

    public List<Pn532Decoded> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /** Forgets any partial frame, e.g. after the host flushed its input. */
    public void reset() {
        count = 0;
        resyncing = false;
    }

    /** Bytes held back waiting for the rest of a frame. */
    public int buffered() {
        return count;
    }

    private void parse(List<Pn532Decoded> out) {
        while (true) {
            int start = indexOfStartCode();
            if (start < 0) {
                // Keep a trailing 00: it may be the first half of a start code.
                int keep = count > 0 && buf[count - 1] == 0 ? 1 : 0;
                discard(count - keep, "without a start code", out);
                return;
            }
            discard(start, "before a start code", out);
            resyncing = false;
            if (!decodeAtStart(out)) {
                return;
            }
        }
    }

    /**
     * Decodes the frame whose start code is at buf[0].
     *
     * @return true when something was consumed and parsing should go on, false when more bytes are needed
     */
    private boolean decodeAtStart(List<Pn532Decoded> out) {
        if (count < 4) {
            return false;
        }
        int len = buf[2] & 0xFF;
        int lcs = buf[3] & 0xFF;
        if (len == 0x00 && lcs == 0xFF) {
            return control(new Pn532Frame.Ack(), "ACK", out);
        }
        if (len == 0xFF && lcs == 0x00) {
            return control(new Pn532Frame.Nack(), "NACK", out);
        }
        int header;
        if (len == 0xFF && lcs == 0xFF) {
            if (count < 7) {
                return false;
            }
            int lenm = buf[4] & 0xFF;
            int lenl = buf[5] & 0xFF;
            int elcs = buf[6] & 0xFF;
            if (((lenm + lenl + elcs) & 0xFF) != 0) {
                return malformed(
                        String.format(
                                "bad extended LCS: LENM 0x%02X + LENL 0x%02X + LCS 0x%02X != 0", lenm, lenl, elcs),
                        out);
            }
            len = lenm << 8 | lenl;
            header = 7;
        } else {
            if (((len + lcs) & 0xFF) != 0) {
                return malformed(String.format("bad LCS: LEN 0x%02X + LCS 0x%02X != 0", len, lcs), out);
            }
            header = 4;
        }
        if (len == 0 || len > MAX_LEN) {
            return malformed("LEN " + len + " outside 1.." + MAX_LEN, out);
        }
        int total = header + len + 2;
        if (count < total) {
            return false;
        }
        int sum = 0;
        for (int i = header; i < header + len + 1; i++) {
            sum += buf[i] & 0xFF;
        }
        if ((sum & 0xFF) != 0) {
            return malformed(
                    String.format(
                            "bad DCS: TFI + data + DCS 0x%02X = 0x%02X, not 0x00",
                            buf[header + len] & 0xFF, sum & 0xFF),
                    out);
        }
        if (buf[total - 1] != 0) {
            return malformed(String.format("postamble 0x%02X instead of 0x00", buf[total - 1] & 0xFF), out);
        }
        int tfi = buf[header] & 0xFF;
        Pn532Decoded frame;
        if (tfi == 0x7F && len == 1) {
            frame = new Pn532Frame.ErrorFrame();
        } else if (tfi == Direction.CHIP_TO_HOST.tfi() && len >= 2) {
            frame = new Pn532Frame.Information(
                    Direction.CHIP_TO_HOST, Arrays.copyOfRange(buf, header + 1, header + len));
        } else if (tfi == Direction.HOST_TO_CHIP.tfi() && len >= 2) {
            frame = new Pn532Frame.Information(
                    Direction.HOST_TO_CHIP, Arrays.copyOfRange(buf, header + 1, header + len));
        } else {
            return malformed(String.format("unexpected TFI 0x%02X with LEN %d", tfi, len), out);
        }
        out.add(frame);
        consume(total);
        return true;
    }

    private boolean control(Pn532Frame frame, String what, List<Pn532Decoded> out) {
        if (count < 5) {
            return false;
        }
        if (buf[4] != 0) {
            return malformed(
                    String.format("%s followed by 0x%02X instead of the postamble 0x00", what, buf[4] & 0xFF), out);
        }
        out.add(frame);
        consume(5);
        return true;
    }

    /** Reports the frame at buf[0], skips its start code and resynchronises on the next one. */
    private boolean malformed(String reason, List<Pn532Decoded> out) {
        out.add(new Malformed(reason, 2));
        consume(2);
        resyncing = true;
        return true;
    }

    private void discard(int n, String where, List<Pn532Decoded> out) {
        if (n <= 0) {
            return;
        }
        boolean noise = false;
        for (int i = 0; i < n && !noise; i++) {
            noise = buf[i] != 0;
        }
        if (noise && !resyncing) {
            out.add(new Malformed(n + " bytes of noise " + where, n));
        }
        consume(n);
    }

    private int indexOfStartCode() {
        for (int i = 0; i + 1 < count; i++) {
            if (buf[i] == 0 && buf[i + 1] == (byte) 0xFF) {
                return i;
            }
        }
        return -1;
    }

    private void consume(int n) {
        System.arraycopy(buf, n, buf, 0, count - n);
        count -= n;
    }
}
