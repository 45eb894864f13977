package org.loyaltyterminal.device.nfc.pn532;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.nfc.pn532.Pn532Decoded.Malformed;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Ack;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Direction;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.ErrorFrame;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Information;
import org.loyaltyterminal.device.nfc.pn532.Pn532Frame.Nack;

/** Frames on byte arrays, from the worked examples in DEVICES.md; no I/O. */
class Pn532CodecTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    /** SAMConfiguration normal mode, timeout 1 s, IRQ. */
    private static final byte[] SAM_CONFIGURATION = bytes(
            0x00, // preamble
            0x00, 0xFF, // start code
            0x05, // LEN: TFI + 4 data bytes
            0xFB, // LCS: 0x05 + 0xFB = 0x100
            0xD4, // TFI: host to chip
            0x14, // PD0: SAMConfiguration
            0x01, // PD1: mode normal
            0x14, // PD2: timeout 20 x 50 ms
            0x01, // PD3: use IRQ
            0x02, // DCS: D4+14+01+14+01+02 = 0x100
            0x00); // postamble

    /** Firmware response IC 0x32, Ver 1, Rev 6, Support 0x07. */
    private static final byte[] FIRMWARE_RESPONSE = bytes(
            0x00, // preamble
            0x00, 0xFF, // start code
            0x06, // LEN: TFI + 5 data bytes
            0xFA, // LCS
            0xD5, // TFI: chip to host
            0x03, // PD0: GetFirmwareVersion response (0x02 + 1)
            0x32, // PD1: IC
            0x01, // PD2: Ver
            0x06, // PD3: Rev
            0x07, // PD4: Support
            0xE8, // DCS
            0x00); // postamble

    /** InListPassiveTarget response: Tg 1, SENS_RES 0044, SEL_RES 00, 7-byte UID. */
    private static final byte[] CARD_FOUND = bytes(
            0x00, // preamble
            0x00, 0xFF, // start code
            0x0F, // LEN: TFI + 14 data bytes
            0xF1, // LCS
            0xD5, // TFI: chip to host
            0x4B, // PD0: InListPassiveTarget response
            0x01, // PD1: NbTg
            0x01, // PD2: Tg
            0x00, 0x44, // PD3-4: SENS_RES
            0x00, // PD5: SEL_RES
            0x07, // PD6: NFCID length
            0x04, 0x7A, 0x3B, 0x52, 0x6B, 0x80, 0x81, // PD7-13: UID
            0x1C, // DCS
            0x00); // postamble

    private static final byte[] ACK = bytes(
            0x00, // preamble
            0x00, 0xFF, // start code
            0x00, // LEN 0
            0xFF, // LCS
            0x00); // postamble

    private static final byte[] NACK = bytes(
            0x00, // preamble
            0x00, 0xFF, // start code
            0xFF, // LEN 0xFF
            0x00, // LCS 0x00
            0x00); // postamble

    private static final byte[] ERROR = bytes(
            0x00, // preamble
            0x00, 0xFF, // start code
            0x01, // LEN 1
            0xFF, // LCS
            0x7F, // TFI: application-level error
            0x81, // DCS
            0x00); // postamble

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] hex(String spaced) {
        return HEX.parseHex(spaced);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static Pn532Frame single(byte[] wire) {
        List<Pn532Decoded> out = new Pn532Decoder().feed(wire);
        assertEquals(1, out.size(), () -> "decoding " + HEX.formatHex(wire) + " gave " + out);
        return assertInstanceOf(Pn532Frame.class, out.getFirst(), () -> "decoding " + HEX.formatHex(wire));
    }

    private static void assertWire(String expected, byte[] actual) {
        assertEquals(expected, HEX.formatHex(actual), "encoded bytes");
    }

    @Test
    void encodesTheWorkedHostFrames() {
        assertArrayEquals(
                SAM_CONFIGURATION,
                Pn532Codec.encode(Information.fromHost(bytes(0x14, 0x01, 0x14, 0x01))),
                "SAMConfiguration");
        assertWire("00 00 FF 02 FE D4 02 2A 00", Pn532Codec.encode(Information.fromHost(bytes(0x02))));
        assertWire(
                "00 00 FF 06 FA D4 32 05 01 00 01 F3 00",
                Pn532Codec.encode(Information.fromHost(bytes(0x32, 0x05, 0x01, 0x00, 0x01))));
        assertWire(
                "00 00 FF 04 FC D4 4A 01 00 E1 00", Pn532Codec.encode(Information.fromHost(bytes(0x4A, 0x01, 0x00))));
        assertWire(
                "00 00 FF 05 FB D4 40 01 30 04 B7 00",
                Pn532Codec.encode(Information.fromHost(bytes(0x40, 0x01, 0x30, 0x04))));
    }

    @Test
    void encodesChipFramesAndControlFrames() {
        assertArrayEquals(
                FIRMWARE_RESPONSE,
                Pn532Codec.encode(Information.fromChip(bytes(0x03, 0x32, 0x01, 0x06, 0x07))),
                "firmware response");
        assertArrayEquals(
                CARD_FOUND,
                Pn532Codec.encode(Information.fromChip(
                        bytes(0x4B, 0x01, 0x01, 0x00, 0x44, 0x00, 0x07, 0x04, 0x7A, 0x3B, 0x52, 0x6B, 0x80, 0x81))),
                "card found");
        assertArrayEquals(ACK, Pn532Codec.encode(new Ack()), "ACK");
        assertArrayEquals(NACK, Pn532Codec.encode(new Nack()), "NACK");
        assertArrayEquals(ERROR, Pn532Codec.encode(new ErrorFrame()), "error frame");
    }

    @Test
    void decodesTheWorkedFrames() {
        assertEquals(Information.fromHost(bytes(0x14, 0x01, 0x14, 0x01)), single(SAM_CONFIGURATION));
        assertEquals(Information.fromChip(bytes(0x15)), single(hex("00 00 FF 02 FE D5 15 16 00")));
        Information fw = assertInstanceOf(Information.class, single(FIRMWARE_RESPONSE));
        assertEquals(Direction.CHIP_TO_HOST, fw.direction());
        assertEquals(0x03, fw.code(), "response code");
        assertArrayEquals(bytes(0x03, 0x32, 0x01, 0x06, 0x07), fw.data());
        assertEquals(14, ((Information) single(CARD_FOUND)).data().length, "card found data length");
        assertEquals(Information.fromChip(bytes(0x4B, 0x00)), single(hex("00 00 FF 03 FD D5 4B 00 E0 00")));
        assertEquals(Information.fromChip(bytes(0x41, 0x01)), single(hex("00 00 FF 03 FD D5 41 01 E9 00")));
        assertEquals(new Ack(), single(ACK));
        assertEquals(new Nack(), single(NACK));
        assertEquals(new ErrorFrame(), single(ERROR));
    }

    @Test
    void extendedFrameIsUsedAboveTwoHundredFiftyFourDataBytesAndRoundTrips() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        byte[] wire = Pn532Codec.encode(Information.fromHost(data));
        assertEquals(0x00, wire[0], "preamble");
        assertEquals("00 FF", HEX.formatHex(wire, 1, 3), "start code");
        assertEquals("FF FF", HEX.formatHex(wire, 3, 5), "extended frame marker");
        assertEquals("01 2D", HEX.formatHex(wire, 5, 7), "LENM LENL: 301 = TFI + 300");
        assertEquals(0, (wire[5] + wire[6] + wire[7]) & 0xFF, "LCS");
        assertEquals((byte) 0xD4, wire[8], "TFI");
        assertEquals(8 + 301 + 2, wire.length, "total length");
        assertEquals(0x00, wire[wire.length - 1], "postamble");
        assertEquals(Information.fromHost(data), single(wire));

        byte[] largestNormal = Pn532Codec.encode(Information.fromHost(new byte[254]));
        assertEquals((byte) 0xFF, largestNormal[3], "LEN of a 254-byte frame is 0xFF, still a normal frame");
        assertEquals(0x01, largestNormal[4], "its LCS");
        assertEquals(Information.fromHost(new byte[254]), single(largestNormal));
    }

    @Test
    void aSmallExtendedFrameFromTheChipDecodes() {
        byte[] wire = bytes(
                0x00, // preamble
                0x00, 0xFF, // start code
                0xFF, 0xFF, // extended frame marker
                0x00, 0x02, // LENM LENL
                0xFE, // LCS
                0xD5, // TFI
                0x15, // PD0
                0x16, // DCS
                0x00); // postamble
        assertEquals(Information.fromChip(bytes(0x15)), single(wire));
    }

    @Test
    void refusesToEncodeEmptyOrOversizedData() {
        assertThrows(IllegalArgumentException.class, () -> Information.fromHost());
        assertThrows(IllegalArgumentException.class, () -> Information.fromHost(new byte[Pn532Codec.MAX_DATA + 1]));
    }

    @Test
    void chunkedInputSplitAtEveryPositionDecodesTheSameFrames() {
        byte[] stream = concat(ACK, FIRMWARE_RESPONSE, NACK, CARD_FOUND, ERROR);
        List<Pn532Decoded> expected = new Pn532Decoder().feed(stream);
        assertEquals(5, expected.size(), () -> "whole stream gave " + expected);
        for (int a = 0; a <= stream.length; a++) {
            for (int b = a; b <= stream.length; b += 7) {
                Pn532Decoder d = new Pn532Decoder();
                List<Pn532Decoded> out = new ArrayList<>();
                out.addAll(d.feed(stream, 0, a));
                out.addAll(d.feed(stream, a, b - a));
                out.addAll(d.feed(stream, b, stream.length - b));
                int fa = a;
                int fb = b;
                assertEquals(expected, out, () -> "split at " + fa + " and " + fb);
                assertEquals(0, d.buffered(), () -> "left over after split at " + fa + " and " + fb);
            }
        }
        Pn532Decoder byteWise = new Pn532Decoder();
        List<Pn532Decoded> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            out.addAll(byteWise.feed(stream, i, 1));
        }
        assertEquals(expected, out, "fed one byte at a time");
    }

    @Test
    void garbageIsReportedOnceAndTheNextGoodFrameDecodes() {
        byte[] garbage = hex("13 37 55 AA FF 42");
        List<Pn532Decoded> out = new Pn532Decoder().feed(concat(garbage, FIRMWARE_RESPONSE));
        assertEquals(2, out.size(), () -> "got " + out);
        Malformed m = assertInstanceOf(Malformed.class, out.get(0));
        assertTrue(m.reason().contains("noise"), m.reason());
        assertInstanceOf(Information.class, out.get(1));
    }

    @Test
    void aLongRunOfGarbageWithoutStartCodeIsDiscardedAndTheBufferStaysBounded() {
        Pn532Decoder d = new Pn532Decoder();
        byte[] noise = new byte[10_000];
        Arrays.fill(noise, (byte) 0x5A);
        List<Pn532Decoded> out = d.feed(noise);
        assertTrue(out.stream().allMatch(x -> x instanceof Malformed), () -> "only noise reports: " + out);
        assertTrue(d.buffered() <= 1, () -> "buffered " + d.buffered() + " bytes of noise");
        assertEquals(List.of(new Ack()), d.feed(ACK), "next ACK after the noise");
    }

    @Test
    void zeroBytesBetweenFramesAreSkippedSilently() {
        List<Pn532Decoded> out = new Pn532Decoder().feed(concat(new byte[20], ACK, new byte[3], ACK));
        assertEquals(List.of(new Ack(), new Ack()), out);
    }

    @Test
    void badLcsIsReportedAndTheNextGoodFrameDecodes() {
        byte[] bad = FIRMWARE_RESPONSE.clone();
        bad[4] = (byte) 0xFB; // LCS off by one
        List<Pn532Decoded> out = new Pn532Decoder().feed(concat(bad, ACK));
        assertEquals(2, out.size(), () -> "got " + out);
        Malformed m = assertInstanceOf(Malformed.class, out.get(0));
        assertTrue(m.reason().contains("LCS"), m.reason());
        assertEquals(new Ack(), out.get(1), "frame after the bad one");
    }

    @Test
    void badDcsIsReportedAndTheNextGoodFrameDecodes() {
        byte[] bad = CARD_FOUND.clone();
        bad[bad.length - 2] = 0x1D; // DCS off by one
        List<Pn532Decoded> out = new Pn532Decoder().feed(concat(bad, FIRMWARE_RESPONSE));
        assertEquals(2, out.size(), () -> "got " + out);
        Malformed m = assertInstanceOf(Malformed.class, out.get(0));
        assertTrue(m.reason().contains("DCS"), m.reason());
        assertEquals(Information.fromChip(bytes(0x03, 0x32, 0x01, 0x06, 0x07)), out.get(1));
    }

    @Test
    void badDcsSplitAtEveryPositionStillResynchronises() {
        byte[] bad = FIRMWARE_RESPONSE.clone();
        bad[bad.length - 2] ^= 0x01;
        byte[] stream = concat(bad, CARD_FOUND);
        for (int a = 0; a <= stream.length; a++) {
            Pn532Decoder d = new Pn532Decoder();
            List<Pn532Decoded> out = new ArrayList<>(d.feed(stream, 0, a));
            out.addAll(d.feed(stream, a, stream.length - a));
            int fa = a;
            assertEquals(2, out.size(), () -> "split at " + fa + ": " + out);
            assertInstanceOf(Malformed.class, out.get(0), () -> "split at " + fa);
            assertInstanceOf(Information.class, out.get(1), () -> "split at " + fa);
        }
    }

    @Test
    void unknownTfiAndMissingPostambleAreMalformed() {
        byte[] wrongTfi = bytes(0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD6, 0x15, 0x15, 0x00);
        List<Pn532Decoded> out = new Pn532Decoder().feed(concat(wrongTfi, ACK));
        assertTrue(assertInstanceOf(Malformed.class, out.get(0)).reason().contains("TFI"), () -> "got " + out);
        assertEquals(new Ack(), out.get(1));

        byte[] noPostamble = bytes(0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD5, 0x15, 0x16, 0x77);
        List<Pn532Decoded> out2 = new Pn532Decoder().feed(concat(noPostamble, ACK));
        assertTrue(assertInstanceOf(Malformed.class, out2.get(0)).reason().contains("postamble"), () -> "got " + out2);
        assertEquals(new Ack(), out2.get(out2.size() - 1));
    }

    @Test
    void aCorruptedLengthNeverMakesTheDecoderWaitForever() {
        // LEN/LCS consistent but huge in an extended frame: refused at once, not waited for.
        byte[] huge = bytes(0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01);
        List<Pn532Decoded> out = new Pn532Decoder().feed(concat(huge, ACK));
        assertInstanceOf(Malformed.class, out.get(0), () -> "got " + out);
        assertEquals(new Ack(), out.get(out.size() - 1), () -> "got " + out);
    }
}
