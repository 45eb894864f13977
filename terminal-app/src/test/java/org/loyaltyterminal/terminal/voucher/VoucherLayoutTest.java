package org.loyaltyterminal.terminal.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.voucher.VoucherCheck;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.core.voucher.VoucherKey;
import org.loyaltyterminal.device.print.CodePage;
import org.loyaltyterminal.device.print.EscPosDecoder;
import org.loyaltyterminal.device.print.EscPosEvent;
import org.loyaltyterminal.device.print.PrinterSettings;
import org.loyaltyterminal.device.print.Receipt;

/** The printed voucher, read back through the ESC/POS decoder: never compared as a byte dump. */
class VoucherLayoutTest {
    private static final VoucherKey KEY = VoucherKey.of(new byte[32]);
    private static final String CODE =
            new VoucherCodec().issue(new VoucherCode(12, 345, LocalDate.parse("2026-12-22"), 1), KEY);
    private static final VoucherTicket TICKET = new VoucherTicket(
            CODE,
            "12/345",
            "Süße Grüße: ein Stück Käsekuchen",
            350,
            LocalDate.parse("2026-12-22"),
            Optional.of("Nur in teilnehmenden Filialen. Keine Barauszahlung möglich."),
            false);

    private static List<EscPosEvent> print(PrinterSettings printer, VoucherBarcode barcode, VoucherTicket ticket) {
        VoucherLayout layout = new VoucherLayout(
                printer, List.of("Bäckerei Müller", "Hauptstraße 5, Köln"), Optional.empty(), barcode, "€");
        Receipt receipt = layout.render(ticket);
        assertEquals(0, receipt.replacedCharacters(), "every character fits the code page");
        return EscPosDecoder.of(printer.codePage()).decode(receipt.bytes());
    }

    private static String text(List<EscPosEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(e -> e instanceof EscPosEvent.Text)
                .forEach(e -> text.append(((EscPosEvent.Text) e).text()));
        return text.toString();
    }

    @Test
    void theQrCodeCarriesTheVoucherCodeAndTheTextRoundTripsEuroAndUmlauts() {
        for (CodePage codePage : List.of(CodePage.PC858, CodePage.WPC1252)) {
            List<EscPosEvent> events =
                    print(PrinterSettings.defaults().withCodePage(codePage), VoucherBarcode.QR, TICKET);

            assertEquals(
                    List.of(new EscPosEvent.QrStore(CODE)),
                    events.stream()
                            .filter(e -> e instanceof EscPosEvent.QrStore)
                            .toList(),
                    "the QR payload is the code as printed");
            assertTrue(events.contains(new EscPosEvent.QrPrint()), "the QR is printed, not only stored");
            assertTrue(
                    events.contains(new EscPosEvent.CodePageSelected(codePage.number())), "ESC t " + codePage.number());
            String text = text(events);
            for (String expected : List.of(
                    "Bäckerei Müller",
                    "Hauptstraße 5, Köln",
                    "Süße Grüße",
                    "Value €3.50",
                    "Valid through 22 Dec 2026",
                    CODE,
                    "Voucher 12/345",
                    "Keine Barauszahlung")) {
                assertTrue(text.contains(expected), codePage + ": '" + expected + "' in " + text);
            }
            assertFalse(text.contains("REPRINT"), "an original is not marked as a reprint");
            assertTrue(events.getLast() instanceof EscPosEvent.Cut, "ends with a cut: " + events.getLast());
        }
    }

    @Test
    void linesFitTheirPaperAndTheRewardIsPrintedDoubleSize() {
        for (int columns : List.of(PrinterSettings.LINE_WIDTH_58_MM, PrinterSettings.LINE_WIDTH_80_MM)) {
            List<EscPosEvent> events =
                    print(PrinterSettings.defaults().withLineWidth(columns), VoucherBarcode.QR, TICKET);
            int width = 1;
            for (EscPosEvent event : events) {
                if (event instanceof EscPosEvent.Size size) {
                    width = size.width();
                } else if (event instanceof EscPosEvent.Text text) {
                    for (String line : text.text().split("\n", -1)) {
                        assertTrue(
                                line.length() * width <= columns,
                                columns + " columns, size " + width + ": '" + line + "'");
                    }
                }
            }
            assertTrue(events.contains(new EscPosEvent.Size(2, 2)), "the reward stands out");
        }
    }

    @Test
    void code128CarriesTheCodeWithoutDashesOn80MmPaperAndIsRefusedOn58() {
        List<EscPosEvent> events = print(
                PrinterSettings.defaults().withLineWidth(PrinterSettings.LINE_WIDTH_80_MM),
                VoucherBarcode.BOTH,
                TICKET);
        assertEquals(
                List.of(new EscPosEvent.Code128(CODE.replace("-", ""))),
                events.stream().filter(e -> e instanceof EscPosEvent.Code128).toList());
        assertTrue(
                new VoucherCodec().verify(CODE.replace("-", ""), KEY) instanceof VoucherCheck.Valid,
                "the barcode's payload verifies");
        assertTrue(events.stream().anyMatch(e -> e instanceof EscPosEvent.QrStore), "both: the QR too");

        IllegalArgumentException narrow = assertThrows(
                IllegalArgumentException.class,
                () -> new VoucherLayout(
                        PrinterSettings.defaults(), List.of(), Optional.empty(), VoucherBarcode.CODE128, "€"));
        assertTrue(narrow.getMessage().contains("does not fit on 32-column (58 mm) paper"), narrow.getMessage());
    }

    @Test
    void aReprintSaysSo() {
        VoucherTicket reprint = new VoucherTicket(
                CODE, "12/345", "Free coffee", 0, LocalDate.parse("2026-12-22"), Optional.empty(), true);
        String text = text(print(PrinterSettings.defaults(), VoucherBarcode.QR, reprint));
        assertTrue(text.contains("*** REPRINT ***"), text);
        assertFalse(text.contains("Value"), "a reward without a value prints none: " + text);
        assertFalse(Arrays.asList(text.split("\n")).contains(""), "no empty text lines from absent terms");
    }
}
