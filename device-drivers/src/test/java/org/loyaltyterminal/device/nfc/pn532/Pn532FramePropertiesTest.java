package org.loyaltyterminal.device.nfc.pn532;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.loyaltyterminal.device.nfc.pn532.Pn532Decoded.Malformed;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Direction;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Information;

/**
 * PN532 frames through {@link Pn532Codec} and {@link Pn532Decoder} on generated streams: normal and
 * extended information frames in both directions, ACK, NACK and the error frame, cut into reads
 * at arbitrary points. A frame comes out only if it was sent, and a sent frame is never lost to
 * noise before it or to corruption of the frame before it.
 */
class Pn532FramePropertiesTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    /** One sent frame, shown with its data (Information.toString hides it: it may carry a card UID). */
    record Sent(Pn532Frame frame) {
        byte[] wire() {
            return Pn532Codec.encode(frame);
        }

        @Override
        public String toString() {
            return frame instanceof Information i
                    ? i.direction() + " " + i.data().length + " bytes: " + HEX.formatHex(i.data())
                    : frame.toString();
        }
    }

    @Property(tries = 500)
    void anyFramesCutAnywhereDecodeToExactlyTheSameFrames(
            @ForAll("frames") List<Sent> sent,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 80) Integer> chunkSizes) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sent.forEach(s -> wire.writeBytes(s.wire()));
        Pn532Decoder decoder = new Pn532Decoder();

        List<Pn532Decoded> got = feedInChunks(decoder, wire.toByteArray(), chunkSizes);

        assertEquals(frames(sent), got, () -> "decoded " + show(got));
        assertEquals(0, decoder.buffered(), "bytes held back after the last complete frame");
    }

    @Property(tries = 500)
    void noiseWithoutAStartCodeBeforeOrBetweenFramesNeitherForgesNorCostsAFrame(
            @ForAll("frames") List<Sent> sent,
            @ForAll @Size(min = 1, max = 9) List<@Size(max = 40) List<Byte>> noise,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 80) Integer> chunkSizes) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < sent.size(); i++) {
            wire.writeBytes(withoutStartCode(noise.get(i % noise.size())));
            wire.writeBytes(sent.get(i).wire());
        }
        wire.writeBytes(withoutStartCode(noise.get(sent.size() % noise.size())));
        Pn532Decoder decoder = new Pn532Decoder();

        List<Pn532Decoded> got = feedInChunks(decoder, wire.toByteArray(), chunkSizes);

        List<Pn532Decoded> frames =
                got.stream().filter(d -> !(d instanceof Malformed)).toList();
        assertEquals(
                frames(sent), frames, () -> "stream " + HEX.formatHex(wire.toByteArray()) + " decoded as " + show(got));
        assertTrue(
                decoder.buffered() <= 1, () -> decoder.buffered() + " bytes held back; at most a trailing 00 may be");
    }

    /**
     * One bit flipped anywhere in an information frame: the frame is not delivered (unless the flip
     * hit the preamble, which is not part of what the checksums cover and carries no data), nothing
     * else is delivered in its place, and the good frame after it still arrives. A flipped start code
     * can make the decoder read a length from inside the data and wait for that many bytes, so the
     * idle line after the good frame is zeros, enough to end any wait.
     */
    @Property(tries = 1000)
    void aFlippedBitIsCaughtAndNeverCostsTheNextFrame(
            @ForAll("information") Sent corrupted,
            @ForAll("frame") Sent next,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int where,
            @ForAll @IntRange(min = 0, max = 7) int bit,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 80) Integer> chunkSizes) {
        byte[] bad = corrupted.wire();
        int index = where % bad.length;
        bad[index] ^= (byte) (1 << bit);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(bad);
        wire.writeBytes(next.wire());
        wire.writeBytes(new byte[Pn532Codec.MAX_DATA + 16]);
        Pn532Decoder decoder = new Pn532Decoder();

        List<Pn532Decoded> got = feedInChunks(decoder, wire.toByteArray(), chunkSizes);

        List<Pn532Decoded> frames =
                got.stream().filter(d -> !(d instanceof Malformed)).toList();
        List<Pn532Frame> expected = index == 0 ? List.of(corrupted.frame(), next.frame()) : List.of(next.frame());
        assertEquals(
                expected,
                frames,
                () -> "bit " + bit + " of byte " + index + " flipped: " + HEX.formatHex(bad) + " then "
                        + HEX.formatHex(next.wire()) + " decoded as " + show(got));
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Sent>> frames() {
        return frame().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Sent> frame() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, information()),
                Tuple.of(1, Arbitraries.just(new Sent(new Pn532Frame.Ack()))),
                Tuple.of(1, Arbitraries.just(new Sent(new Pn532Frame.Nack()))),
                Tuple.of(1, Arbitraries.just(new Sent(new Pn532Frame.ErrorFrame()))));
    }

    /** Normal frames (1..254 data bytes) and extended ones (255..511), in either direction. */
    @Provide
    Arbitrary<Sent> information() {
        Arbitrary<byte[]> normal =
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(Pn532Codec.MAX_NORMAL_DATA);
        Arbitrary<byte[]> extended = Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(Pn532Codec.MAX_NORMAL_DATA + 1)
                .ofMaxSize(Pn532Codec.MAX_DATA);
        return Combinators.combine(
                        Arbitraries.of(Direction.class),
                        Arbitraries.frequencyOf(Tuple.of(4, normal), Tuple.of(1, extended)))
                .as((direction, data) -> new Sent(new Information(direction, data)));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static List<Pn532Decoded> feedInChunks(Pn532Decoder decoder, byte[] stream, List<Integer> chunkSizes) {
        List<Pn532Decoded> out = new ArrayList<>();
        int pos = 0;
        for (int step = 0; pos < stream.length; step++) {
            int n = Math.min(chunkSizes.get(step % chunkSizes.size()), stream.length - pos);
            out.addAll(decoder.feed(stream, pos, n));
            pos += n;
        }
        return out;
    }

    /**
     * Noise as it is, except that it can hold no start code: an FF after a 00, or an FF first (it
     * would follow the 00 postamble of the frame before), becomes FE. A start code in the noise
     * followed by a valid-looking header is a frame as far as any PN532 host can tell; ACK and NACK
     * carry no checksum beyond their fixed bytes.
     */
    private static byte[] withoutStartCode(List<Byte> noise) {
        byte[] out = new byte[noise.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = noise.get(i);
            if (out[i] == (byte) 0xFF && (i == 0 || out[i - 1] == 0)) {
                out[i] = (byte) 0xFE;
            }
        }
        return out;
    }

    private static List<Pn532Decoded> frames(List<Sent> sent) {
        return sent.stream().map(s -> (Pn532Decoded) s.frame()).toList();
    }

    private static String show(List<Pn532Decoded> decoded) {
        return decoded.stream()
                .map(d -> d instanceof Information i ? new Sent(i).toString() : d.toString())
                .toList()
                .toString();
    }
}
