package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscPosTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void assertBytes(byte[] expected, Receipt actual) {
        assertEquals(HEX.formatHex(expected), HEX.formatHex(actual.bytes()));
    }

    @Test
    void startInitialisesAndSelectsTheCodePage() {
        Receipt r = EscPos.start(CodePage.PC858, 32).build();
        assertBytes(
                hex(""
                        + "1b 40 " // ESC @ initialise
                        + "1b 74 13"), // ESC t 19 = PC858
                r);
        assertEquals(0, r.replacedCharacters());
    }

    @Test
    void formattingCommands() {
        Receipt r = EscPos.start(CodePage.WPC1252, 48)
                .align(Alignment.CENTRE)
                .bold(true)
                .size(2, 3)
                .bold(false)
                .feed(4)
                .cut(CutMode.FULL, 3)
                .cut(CutMode.PARTIAL, 0)
                .barcodeHeight(80)
                .barcodeWidth(3)
                .barcodeText(HriPosition.BELOW)
                .build();
        assertBytes(
                hex(""
                        + "1b 40 " // initialise
                        + "1b 74 10 " // ESC t 16 = WPC1252
                        + "1b 61 01 " // ESC a 1 centre
                        + "1b 45 01 " // ESC E 1 bold on
                        + "1d 21 12 " // GS ! width 2 (high nibble 1), height 3 (low nibble 2)
                        + "1b 45 00 " // ESC E 0 bold off
                        + "1b 64 04 " // ESC d 4 feed
                        + "1d 56 41 03 " // GS V 65 3 feed 3 then full cut
                        + "1d 56 42 00 " // GS V 66 0 partial cut
                        + "1d 68 50 " // GS h 80 dots
                        + "1d 77 03 " // GS w 3
                        + "1d 48 02"), // GS H 2 text below
                r);
    }

    @Test
    void textUnderPc858CarriesEuroAndUmlauts() {
        Receipt r = EscPos.start(CodePage.PC858, 32).line("€5 Rabatt für Größe").build();
        byte[] expected =
                concat(hex("1b 40 1b 74 13"), "€5 Rabatt für Größe".getBytes(Charset.forName("IBM00858")), hex("0a"));
        assertBytes(expected, r);
        // the euro sign is 0xD5 in PC858, ü 0x81, ö 0x94, ß 0xE1
        assertEquals((byte) 0xD5, r.bytes()[5]);
        assertEquals(0, r.replacedCharacters());
    }

    @Test
    void unencodableCharactersAreReplacedVisiblyAndCounted() {
        Receipt r = EscPos.start(CodePage.PC858, 32).text("Tee ☕ 😀!").build();
        assertBytes(concat(hex("1b 40 1b 74 13"), "Tee ? ?!".getBytes(Charset.forName("IBM00858"))), r);
        assertEquals(2, r.replacedCharacters(), "one per code point, the emoji is a surrogate pair");
    }

    @Test
    void controlCharactersCannotSmuggleCommands() {
        Receipt r = EscPos.start(CodePage.PC858, 32).text("a\u001B@b\tc").build();
        assertBytes(concat(hex("1b 40 1b 74 13"), hex("61 3f 40 62 3f 63")), r);
        assertEquals(2, r.replacedCharacters());
    }

    @Test
    void code128CountsTheCodeSetPrefix() {
        Receipt r = EscPos.start(CodePage.PC858, 32).code128("V-123").build();
        assertBytes(
                hex("1b 40 1b 74 13 "
                        + "1d 6b 49 " // GS k 73 CODE128
                        + "07 " // n = 2 ({B) + 5 data
                        + "7b 42 " // {B code set B
                        + "56 2d 31 32 33"), // V-123
                r);
    }

    @Test
    void code128RefusesWhatCodeSetBCannotCarry() {
        EscPos b = EscPos.start(CodePage.PC858, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.code128("Grüße"));
        assertTrue(e.getMessage().contains("U+00FC at index 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.code128(""));
        assertThrows(IllegalArgumentException.class, () -> b.code128("a{b"));
        assertThrows(IllegalArgumentException.class, () -> b.code128("x".repeat(254)));
    }

    @Test
    void qrSizesTheStoreByBytesNotCharacters() {
        Receipt r = EscPos.start(CodePage.PC858, 32)
                .qr("€1", 6, QrErrorCorrection.M)
                .build();
        assertBytes(
                hex("1b 40 1b 74 13 "
                        + "1d 28 6b 04 00 31 41 32 00 " // model 2 (0x32, not 0x31 as escpos-coffee sends)
                        + "1d 28 6b 03 00 31 43 06 " // module size 6
                        + "1d 28 6b 03 00 31 45 31 " // error correction M (49)
                        + "1d 28 6b 07 00 31 50 30 " // store: pL=7 pH=0 = 4 bytes ('€' is 3 in UTF-8, '1') + 3
                        + "e2 82 ac 31 " // €1 in UTF-8
                        + "1d 28 6b 03 00 31 51 30"), // print
                r);
    }

    @Test
    void qrLengthUsesTheHighByteAbove252() {
        String data = "A".repeat(300);
        byte[] bytes = EscPos.start(CodePage.PC858, 32)
                .qr(data, 4, QrErrorCorrection.H)
                .build()
                .bytes();
        int store = 5 + 9 + 8 + 8;
        // 300 + 3 = 303 = 0x012F: pL 0x2F, pH 0x01
        assertArrayEquals(hex("1d 28 6b 2f 01 31 50 30"), Arrays.copyOfRange(bytes, store, store + 8));
        assertEquals((byte) 0x33, bytes[store - 1], "H = 51 = 0x33");
    }

    @Test
    void wrapBreaksAtSpacesAndSplitsLongWords() {
        assertEquals(List.of("Your next", "coffee is on", "us."), EscPos.wrap("Your next coffee is on us.", 12));
        assertEquals(List.of("abcde", "fghij", "k end"), EscPos.wrap("abcdefghijk end", 5));
        assertEquals(List.of("one", "", "two"), EscPos.wrap("one\n\ntwo", 10));
        assertEquals(List.of("ä€ß"), EscPos.wrap("ä€ß", 3), "width counts characters, not bytes");
    }

    @Test
    void wrappedWritesOneLineFeedPerLine() {
        Receipt r = EscPos.start(CodePage.PC858, 8).wrapped("12345 678 90").build();
        assertBytes(concat(hex("1b 40 1b 74 13"), "12345\n678 90\n".getBytes(Charset.forName("IBM00858"))), r);
    }

    @Test
    void rangesAreChecked() {
        EscPos b = EscPos.start(CodePage.PC858, 32);
        assertThrows(IllegalArgumentException.class, () -> b.size(9, 1));
        assertThrows(IllegalArgumentException.class, () -> b.barcodeWidth(7));
        assertThrows(IllegalArgumentException.class, () -> b.qr("", 4, QrErrorCorrection.L));
        assertThrows(IllegalArgumentException.class, () -> EscPos.start(CodePage.PC858, 7));
        b.build();
        assertThrows(IllegalStateException.class, () -> b.line("late"));
    }
}
