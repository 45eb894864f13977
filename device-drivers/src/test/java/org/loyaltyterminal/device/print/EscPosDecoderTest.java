package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.print.EscPosEvent.Align;
import org.loyaltyterminal.device.print.EscPosEvent.BarcodeHeight;
import org.loyaltyterminal.device.print.EscPosEvent.BarcodeText;
import org.loyaltyterminal.device.print.EscPosEvent.BarcodeWidth;
import org.loyaltyterminal.device.print.EscPosEvent.Bold;
import org.loyaltyterminal.device.print.EscPosEvent.Code128;
import org.loyaltyterminal.device.print.EscPosEvent.CodePageSelected;
import org.loyaltyterminal.device.print.EscPosEvent.Cut;
import org.loyaltyterminal.device.print.EscPosEvent.Feed;
import org.loyaltyterminal.device.print.EscPosEvent.Initialise;
import org.loyaltyterminal.device.print.EscPosEvent.QrLevel;
import org.loyaltyterminal.device.print.EscPosEvent.QrModel;
import org.loyaltyterminal.device.print.EscPosEvent.QrPrint;
import org.loyaltyterminal.device.print.EscPosEvent.QrSize;
import org.loyaltyterminal.device.print.EscPosEvent.QrStore;
import org.loyaltyterminal.device.print.EscPosEvent.Size;
import org.loyaltyterminal.device.print.EscPosEvent.Text;
import org.loyaltyterminal.device.print.EscPosEvent.Unknown;

class EscPosDecoderTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final EscPosDecoder decoder = EscPosDecoder.of(CodePage.PC858, CodePage.WPC1252);

    private List<EscPosEvent> decode(String hex) {
        return decoder.decode(HEX.parseHex(hex));
    }

    @Test
    void formattingCommands() {
        assertEquals(
                List.of(
                        new Initialise(),
                        new CodePageSelected(19),
                        new Align(Alignment.RIGHT),
                        new Bold(true),
                        new Size(2, 3),
                        new Feed(5),
                        new Cut(CutMode.PARTIAL, 3),
                        new BarcodeHeight(80),
                        new BarcodeWidth(2),
                        new BarcodeText(HriPosition.BELOW)),
                decode(""
                        + "1b 40 " // ESC @
                        + "1b 74 13 " // ESC t 19
                        + "1b 61 02 " // ESC a 2 right
                        + "1b 45 01 " // ESC E 1
                        + "1d 21 12 " // GS ! width 2, height 3
                        + "1b 64 05 " // ESC d 5
                        + "1d 56 42 03 " // GS V 66 3: feed 3, partial cut
                        + "1d 68 50 " // GS h 80
                        + "1d 77 02 " // GS w 2
                        + "1d 48 02")); // GS H 2
    }

    @Test
    void textUsesTheSelectedCodePage() {
        assertEquals(
                List.of(
                        new CodePageSelected(19), new Text("€ü\n"),
                        new CodePageSelected(16), new Text("€ü")),
                decode(""
                        + "1b 74 13 " // PC858
                        + "d5 81 0a " // € ü LF in PC858
                        + "1b 74 10 " // WPC1252
                        + "80 fc")); // € ü in windows-1252
    }

    @Test
    void barcodes() {
        assertEquals(
                List.of(
                        new Code128("AB1"),
                        new QrModel(2),
                        new QrSize(6),
                        new QrLevel(QrErrorCorrection.Q),
                        new QrStore("hi"),
                        new QrPrint()),
                decode(""
                        + "1d 6b 49 05 7b 42 41 42 31 " // GS k 73 n=5 {B AB1
                        + "1d 28 6b 04 00 31 41 32 00 " // QR model 2
                        + "1d 28 6b 03 00 31 43 06 " // module size 6
                        + "1d 28 6b 03 00 31 45 32 " // level Q (50)
                        + "1d 28 6b 05 00 31 50 30 68 69 " // store, 2 bytes + 3
                        + "1d 28 6b 03 00 31 51 30")); // print
    }

    @Test
    void unknownBytesAreKeptAndDecodingContinues() {
        assertEquals(
                List.of(
                        new Unknown(HEX.parseHex("1b 21")), // ESC ! is not in the subset: command bytes only
                        new Unknown(HEX.parseHex("00")), // ... its parameter is a control byte
                        new Unknown(HEX.parseHex("1b 61 07")), // alignment 7 does not exist
                        new Unknown(
                                HEX.parseHex("1d 28 6b 04 00 31 41 31 00")), // model byte 49 = model 1 (escpos-coffee)
                        new Unknown(HEX.parseHex("10")), // DLE
                        new Unknown(HEX.parseHex("04")), // EOT
                        new Text("ok"),
                        new Unknown(HEX.parseHex("1d 6b 49 09 7b 42"))), // CODE128 announcing 9 bytes, 2 present
                decode("1b 21 00 1b 61 07 1d 28 6b 04 00 31 41 31 00 10 04 6f 6b 1d 6b 49 09 7b 42"));
    }

    /** Found by EscPosPropertiesTest: a QR command cut short used to leave its tail to be read as text. */
    @Test
    void aQrCommandCutShortIsOneUnknownToTheEndOfInput() {
        assertEquals(
                List.of(new Initialise(), new Unknown(HEX.parseHex("1d 28 6b 04 00 31"))),
                decode(
                        "1b 40 " // ESC @
                                + "1d 28 6b " // GS ( k
                                + "04 00 " // pL pH: 4 bytes follow
                                + "31")); // cn 49 (QR); fn, m and n have not arrived
        assertEquals(
                List.of(new Unknown(HEX.parseHex("1d 28 6b 03"))),
                decode("1d 28 6b 03")); // GS ( k, pL; pH has not arrived
    }

    @Test
    void roundTripFromTheBuilder() {
        Receipt r = EscPos.start(CodePage.PC858, 32)
                .align(Alignment.CENTRE)
                .bold(true)
                .size(2, 2)
                .line("Café Größe")
                .size(1, 1)
                .bold(false)
                .align(Alignment.LEFT)
                .line("€ 5,00 für Äpfel, Öl, Übermaß")
                .text("Tee ☕")
                .barcodeHeight(60)
                .barcodeWidth(3)
                .barcodeText(HriPosition.BELOW)
                .code128("V-0042")
                .qr("https://example.org/v/ä€", 5, QrErrorCorrection.H)
                .feed(2)
                .cut(CutMode.FULL, 4)
                .build();
        assertEquals(1, r.replacedCharacters());
        assertEquals(
                List.of(
                        new Initialise(),
                        new CodePageSelected(19),
                        new Align(Alignment.CENTRE),
                        new Bold(true),
                        new Size(2, 2),
                        new Text("Café Größe\n"),
                        new Size(1, 1),
                        new Bold(false),
                        new Align(Alignment.LEFT),
                        new Text("€ 5,00 für Äpfel, Öl, Übermaß\nTee ?"),
                        new BarcodeHeight(60),
                        new BarcodeWidth(3),
                        new BarcodeText(HriPosition.BELOW),
                        new Code128("V-0042"),
                        new QrModel(2),
                        new QrSize(5),
                        new QrLevel(QrErrorCorrection.H),
                        new QrStore("https://example.org/v/ä€"),
                        new QrPrint(),
                        new Feed(2),
                        new Cut(CutMode.FULL, 4)),
                decoder.decode(r.bytes()));
    }

    @Test
    void roundTripUnderWindows1252() {
        Receipt r = EscPos.start(CodePage.WPC1252, 48).line("€ äöüß").build();
        assertEquals(
                List.of(new Initialise(), new CodePageSelected(16), new Text("€ äöüß\n")), decoder.decode(r.bytes()));
    }

    @Test
    void spansSayWhichBytesEachEventCameFrom() {
        assertEquals(
                List.of(
                        new EscPosDecoder.Span(0, 2, new Initialise()),
                        new EscPosDecoder.Span(2, 3, new Text("ab\n")),
                        new EscPosDecoder.Span(5, 4, new Cut(CutMode.PARTIAL, 3)),
                        new EscPosDecoder.Span(9, 2, new Text("cd")),
                        new EscPosDecoder.Span(11, 3, new Unknown(HEX.parseHex("1d 56 42")))),
                decoder.spans(HEX.parseHex(""
                        + "1b 40 " // 0: ESC @
                        + "61 62 0a " // 2: "ab" LF
                        + "1d 56 42 03 " // 5: GS V 66 3
                        + "63 64 " // 9: "cd"
                        + "1d 56 42"))); // 11: a cut whose feed byte has not arrived yet
    }
}
