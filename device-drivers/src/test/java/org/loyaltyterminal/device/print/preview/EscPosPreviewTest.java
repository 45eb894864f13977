package org.loyaltyterminal.device.print.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyterminal.device.print.Alignment;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.CutMode;
import org.loyaltyterminal.device.print.EscPos;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.device.print.HriPosition;
import org.loyaltyterminal.device.print.QrErrorCorrection;
import org.loyaltyterminal.device.print.preview.EscPosPreview.Rendering;

class EscPosPreviewTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final String QR_PAYLOAD = "https://example.org/v/ABC123?k=Grüße€";
    private static final String CODE128_PAYLOAD = "V-0042-K7";

    @TempDir
    Path dir;

    private static byte[] voucher(int lineWidth) {
        return EscPos.start(CodePage.PC858, lineWidth)
                .align(Alignment.CENTRE)
                .bold(true)
                .size(2, 2)
                .line("Coffee Corner")
                .size(1, 1)
                .bold(false)
                .line("Gutschein / voucher")
                .align(Alignment.LEFT)
                .line("5,00 € für Äpfel, Öl, Übermaß")
                .line("ä ö ü ß Ä Ö Ü")
                .feed(1)
                .align(Alignment.CENTRE)
                .qr(QR_PAYLOAD, 6, QrErrorCorrection.M)
                .feed(1)
                .barcodeHeight(80)
                .barcodeWidth(2)
                .barcodeText(HriPosition.BELOW)
                .code128(CODE128_PAYLOAD)
                .feed(2)
                .cut(CutMode.PARTIAL, 3)
                .build()
                .bytes();
    }

    private static BinaryBitmap bitmap(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(w, h, image.getRGB(0, 0, w, h, null, 0, w))));
    }

    private static String readQr(BufferedImage image) throws Exception {
        // A phone decodes byte-mode QR data as UTF-8; the hint makes ZXing do the same instead of guessing.
        return new QRCodeReader()
                .decode(bitmap(image), Map.of(DecodeHintType.CHARACTER_SET, "UTF-8"))
                .getText();
    }

    private static String readCode128(BufferedImage image) throws NotFoundException {
        MultiFormatReader reader = new MultiFormatReader();
        Result r = reader.decode(
                bitmap(image),
                Map.of(
                        DecodeHintType.POSSIBLE_FORMATS,
                        List.of(BarcodeFormat.CODE_128),
                        DecodeHintType.TRY_HARDER,
                        true));
        return r.getText();
    }

    @Test
    void aVoucherReadsBackFromThePngWithAScannerLibrary() throws Exception {
        Path png = dir.resolve("voucher.png");
        Rendering r = EscPosPreview.writePng(voucher(48), CodePage.PC858, 48, png);
        assertEquals(List.of(), r.skipped());
        assertEquals(List.of(), r.notPrinted());

        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(576, read.getWidth());
        assertEquals(QR_PAYLOAD, readQr(read));
        assertEquals(CODE128_PAYLOAD, readCode128(read));
    }

    @ParameterizedTest(name = "{0} columns: {1} dots")
    @CsvSource({"32, 384", "48, 576"})
    void paperWidthFollowsTheLineWidthAndTheSymbolsStillRead(int columns, int dots) throws Exception {
        BufferedImage image =
                EscPosPreview.render(voucher(columns), CodePage.PC858, columns).image();
        assertEquals(dots, image.getWidth());
        assertEquals(QR_PAYLOAD, readQr(image));
        assertEquals(CODE128_PAYLOAD, readCode128(image));
    }

    @Test
    void umlautsAndTheEuroSignAreDrawnAsThemselvesNotAsReplacements() {
        List<String> characters = List.of("€", "ä", "ö", "ü", "ß", "a", "o", "u", "?");
        List<String> rasters = characters.stream()
                .map(c -> EscPosPreview.render(
                        EscPos.start(CodePage.PC858, 32).line(c).build().bytes(), CodePage.PC858, 32))
                .map(r -> {
                    assertEquals(List.of(), r.notPrinted());
                    return HEX.formatHex(((DataBufferByte) r.image().getRaster().getDataBuffer()).getData());
                })
                .toList();
        for (int i = 0; i < characters.size(); i++) {
            for (int j = i + 1; j < characters.size(); j++) {
                assertFalse(
                        rasters.get(i).equals(rasters.get(j)),
                        "'" + characters.get(i) + "' and '" + characters.get(j)
                                + "' rendered alike: a glyph is missing");
            }
        }
    }

    @Test
    void theQrModuleSizeIsDotsPerModule() {
        // "V-1" at level M is a version 1 symbol: 21 modules square.
        for (int module : new int[] {3, 4, 8}) {
            byte[] qr = EscPos.start(CodePage.PC858, 48)
                    .qr("V-1", module, QrErrorCorrection.M)
                    .build()
                    .bytes();
            Rectangle box =
                    blackBox(EscPosPreview.render(qr, CodePage.PC858, 48).image());
            assertEquals(new Rectangle(0, 12, 21 * module, 21 * module), box, "module size " + module);
        }
    }

    @Test
    void alignmentAndCharacterSizeMoveAndMagnifyTheGlyphs() {
        Rectangle left = blackBox(line(Alignment.LEFT, 1));
        Rectangle centre = blackBox(line(Alignment.CENTRE, 1));
        Rectangle right = blackBox(line(Alignment.RIGHT, 1));
        Rectangle big = blackBox(line(Alignment.LEFT, 2));
        assertTrue(left.x >= 0 && left.x + left.width <= 12, "left: " + left);
        assertTrue(centre.x >= 186 && centre.x + centre.width <= 198, "centre of 384 dots: " + centre);
        assertTrue(right.x >= 372 && right.x + right.width <= 384, "right: " + right);
        // GS ! 0x11 repeats every dot twice across and twice down, as a printer magnifies: an exact double
        int top = 12;
        assertEquals(
                new Rectangle(2 * left.x, top + 2 * (left.y - top), 2 * left.width, 2 * left.height),
                big,
                "double size against normal " + left);
    }

    private static BufferedImage line(Alignment alignment, int size) {
        byte[] bytes = EscPos.start(CodePage.PC858, 32)
                .align(alignment)
                .size(size, size)
                .line("X")
                .build()
                .bytes();
        return EscPosPreview.render(bytes, CodePage.PC858, 32).image();
    }

    @Test
    void feedLinesAdvanceTheLineSpacingEach() {
        int oneLine = EscPosPreview.render(
                        EscPos.start(CodePage.PC858, 32).line("a").build().bytes(), CodePage.PC858, 32)
                .image()
                .getHeight();
        int fiveLines = EscPosPreview.render(
                        EscPos.start(CodePage.PC858, 32)
                                .text("a")
                                .feed(5)
                                .build()
                                .bytes(),
                        CodePage.PC858,
                        32)
                .image()
                .getHeight();
        assertEquals(4 * 30, fiveLines - oneLine, "ESC d 5 after a line against one line feed");
    }

    @Test
    void aCutIsADashedLineAndAPartialCutLeavesABridge() {
        BufferedImage full = EscPosPreview.render(
                        EscPos.start(CodePage.PC858, 32)
                                .cut(CutMode.FULL, 0)
                                .build()
                                .bytes(),
                        CodePage.PC858,
                        32)
                .image();
        BufferedImage partial = EscPosPreview.render(
                        EscPos.start(CodePage.PC858, 32)
                                .cut(CutMode.PARTIAL, 0)
                                .build()
                                .bytes(),
                        CodePage.PC858,
                        32)
                .image();
        Rectangle box = blackBox(full);
        // 24 dashes of 8 dots with 8-dot gaps: the last gap reaches the edge
        assertEquals(new Rectangle(0, box.y, 376, 2), box, "one line across the paper, two dots thick");
        assertEquals(24, runsOfBlack(full, box.y), "8-dot dashes with 8-dot gaps across 384 dots");
        assertTrue(isBlack(full, 192, box.y), "a full cut goes through the middle");
        assertFalse(isBlack(partial, 192, box.y), "a partial cut leaves the middle uncut");
    }

    @Test
    void whatAPrinterWouldDropIsReportedNotDrawn() {
        byte[] bytes = EscPos.start(CodePage.PC858, 32)
                .barcodeWidth(3)
                .code128("VOUCHER-2025-ABCDEFGH") // 24 symbols: 266 modules, 798 dots
                .build()
                .bytes();
        byte[] qrPrintOnly = HEX.parseHex("1d 28 6b 03 00 31 51 30"); // GS ( k print with nothing stored
        byte[] unterminated =
                EscPos.start(CodePage.PC858, 32).text("no line feed").build().bytes();
        byte[] all = concat(bytes, qrPrintOnly, unterminated);
        Rendering r = EscPosPreview.render(all, CodePage.PC858, 32);
        assertEquals(
                List.of(
                        "CODE128 'VOUCHER-2025-ABCDEFGH': 798 dots wide at module width 3, the paper has 384; a printer drops it"
                                + " (use a smaller GS w or a QR code)",
                        "QR print with no data stored (GS ( k fn 81 before fn 80); a printer prints nothing",
                        "12 characters left in the print buffer at the end; a printer prints them only at the next line feed,"
                                + " ESC d or cut"),
                r.notPrinted());
        assertEquals(new Rectangle(), blackBox(r.image()), "nothing drawn");
    }

    @Test
    void garbageAndTruncatedCommandsGiveAnImageAndTheSkippedEvents() {
        byte[] bytes = HEX.parseHex(""
                + "00 01 02 " // three control bytes: one unknown each
                + "1b 21 00 " // ESC ! is outside the subset: command, then its parameter
                + "1d 56 07 " // GS V with a function the builder never sends
                + "6f 6b 0a " // "ok" LF: printed
                + "1d 28 6b 10 04 31 50 30 41 42"); // QR store announcing 1037 bytes, 2 present: cut short
        Rendering r = EscPosPreview.render(bytes, CodePage.PC858, 32);
        assertEquals(
                List.of(
                        new EscPosEvent.Unknown(HEX.parseHex("00")),
                        new EscPosEvent.Unknown(HEX.parseHex("01")),
                        new EscPosEvent.Unknown(HEX.parseHex("02")),
                        new EscPosEvent.Unknown(HEX.parseHex("1b 21")),
                        new EscPosEvent.Unknown(HEX.parseHex("00")),
                        new EscPosEvent.Unknown(HEX.parseHex("1d 56 07")),
                        new EscPosEvent.Unknown(HEX.parseHex("1d 28 6b 10 04 31 50 30 41 42"))),
                r.skipped());
        assertEquals(384, r.image().getWidth());
        assertFalse(blackBox(r.image()).isEmpty(), "the ok line is drawn");
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20_251_109);
        byte[] alphabet =
                HEX.parseHex("1b 1d 10 0a 40 74 61 45 21 64 56 41 42 68 77 48 6b 49 28 31 43 50 51 7b 00 03 ff");
        for (int round = 0; round < 150; round++) {
            byte[] bytes = new byte[random.nextInt(2000)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly command bytes and parameters, so that commands start and break off everywhere
                bytes[i] =
                        random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            int columns = round % 2 == 0 ? 32 : 48;
            Rendering r = EscPosPreview.render(bytes, CodePage.PC858, columns);
            assertEquals(columns * 12, r.image().getWidth(), "round " + round);
            assertTrue(r.image().getHeight() <= EscPosPreview.MAX_HEIGHT_DOTS, "round " + round);
        }
    }

    @Test
    void endlessFeedsStopAtTheHeightCap() {
        byte[] feeds = new byte[3 * 2_000];
        for (int i = 0; i < feeds.length; i += 3) {
            feeds[i] = 0x1B; // ESC d 255, two thousand times: 15 km of paper
            feeds[i + 1] = 0x64;
            feeds[i + 2] = (byte) 0xFF;
        }
        Rendering r =
                EscPosPreview.render(concat(feeds, "x\n".getBytes(StandardCharsets.US_ASCII)), CodePage.PC858, 32);
        assertEquals(EscPosPreview.MAX_HEIGHT_DOTS, r.image().getHeight());
        assertEquals(1, r.notPrinted().size(), r.notPrinted().toString());
        assertTrue(
                r.notPrinted().getFirst().contains("the preview stops at 40000 dots (5.0 m of paper"),
                r.notPrinted().getFirst());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static boolean isBlack(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) & 0xFFFFFF) == 0;
    }

    private static int runsOfBlack(BufferedImage image, int y) {
        int runs = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            if (isBlack(image, x, y) && (x == 0 || !isBlack(image, x - 1, y))) {
                runs++;
            }
        }
        return runs;
    }

    /** The smallest rectangle holding every black pixel; empty when there is none. */
    private static Rectangle blackBox(BufferedImage image) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (isBlack(image, x, y)) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? new Rectangle() : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
