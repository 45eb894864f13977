package org.loyaltyterminal.device.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscPosTextTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private final EscPosDecoder decoder = EscPosDecoder.of(CodePage.PC858);

    @Test
    void aReceiptFromTheBuilderReadsAsItsTextAndMarkers() {
        Receipt r = EscPos.start(CodePage.PC858, 32)
                .align(Alignment.CENTRE)
                .bold(true)
                .size(2, 2)
                .line("Café Größe")
                .size(1, 1)
                .bold(false)
                .align(Alignment.LEFT)
                .text("5 € Rabatt") // no line feed: the CODE128 marker ends the line
                .code128("V-0042")
                .qr("https://example.org/v/ä€", 5, QrErrorCorrection.M)
                .line("Danke")
                .cut(CutMode.PARTIAL, 3)
                .build();
        assertEquals("""
                Café Größe
                5 € Rabatt
                [CODE128: V-0042]
                [QR: https://example.org/v/ä€]
                Danke
                [CUT]
                """, EscPosText.render(decoder.decode(r.bytes())));
    }

    @Test
    void feedsEndTheLineThenAddBlankLines() {
        assertEquals(
                "a\n\nb\n\n\nc",
                EscPosText.render(List.of(
                        new EscPosEvent.Text("a"), new EscPosEvent.Feed(2), // ends "a", one blank line
                        new EscPosEvent.Text("b\n"), new EscPosEvent.Feed(2), // at line start: two blank lines
                        new EscPosEvent.Feed(0), new EscPosEvent.Text("c")))); // ESC d 0 adds nothing
    }

    @Test
    void slipsAndUnknownBytesShowUp() {
        assertEquals(
                """
                x
                [UNKNOWN: 1b 21 00]
                [QR: nothing stored]
                """,
                EscPosText.render(decoder.decode(HEX.parseHex(""
                        + "78 " // "x"
                        + "1b 21 00 " // ESC ! 0: not in the subset (two events: command, then 00)
                        + "1d 28 6b 03 00 31 51 30")))); // QR print before any store
    }
}
