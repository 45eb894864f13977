package org.loyaltyterminal.terminal.voucher;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.loyaltyterminal.device.print.Alignment;
import org.loyaltyterminal.device.print.CutMode;
import org.loyaltyterminal.device.print.EscPos;
import org.loyaltyterminal.device.print.HriPosition;
import org.loyaltyterminal.device.print.PrinterSettings;
import org.loyaltyterminal.device.print.QrErrorCorrection;
import org.loyaltyterminal.device.print.Receipt;

/**
 * The printed voucher: store header, the reward large, its value and last day, the code as a
 * barcode and as text (for typing when the scan fails), the terms, then a cut. Laid out for the
 * printer's characters per line, so the same layout serves 58 mm (32) and 80 mm (48) paper.
 */
public final class VoucherLayout {
    /** 6 dots per module: a 16-character QR (version 1, 21 modules) prints 16 mm wide at 203 dpi. */
    static final int QR_MODULE = 6;

    static final int CODE128_HEIGHT = 80;
    /** 80 mm paper; 58 mm paper's 384 dots are too narrow for the 16-character CODE128. */
    static final int MIN_COLUMNS_FOR_CODE128 = PrinterSettings.LINE_WIDTH_80_MM;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private final PrinterSettings printer;
    private final List<String> header;
    private final Optional<String> defaultTerms;
    private final VoucherBarcode barcode;
    private final String currency;

    /**
     * @param currency the symbol printed before values, e.g. "€"; must be printable in the
     *                 printer's code page (a character it cannot encode is replaced visibly)
     */
    public VoucherLayout(
            PrinterSettings printer,
            List<String> header,
            Optional<String> defaultTerms,
            VoucherBarcode barcode,
            String currency) {
        this.printer = Objects.requireNonNull(printer, "printer");
        this.header = List.copyOf(header);
        this.defaultTerms = Objects.requireNonNull(defaultTerms, "defaultTerms");
        this.barcode = Objects.requireNonNull(barcode, "barcode");
        this.currency = Objects.requireNonNull(currency, "currency");
        if (barcode != VoucherBarcode.QR && printer.lineWidth() < MIN_COLUMNS_FOR_CODE128) {
            throw new IllegalArgumentException("a CODE128 voucher code is 422 dots wide and does not fit on "
                    + printer.lineWidth()
                    + "-column (58 mm) paper; print it as a QR code, or use 80 mm paper (" + MIN_COLUMNS_FOR_CODE128
                    + " columns)");
        }
    }

    public Receipt render(VoucherTicket ticket) {
        int width = printer.lineWidth();
        EscPos out = printer.receipt().align(Alignment.CENTRE);
        for (int i = 0; i < header.size(); i++) {
            boolean title = i == 0;
            out.bold(title);
            for (String line : EscPos.wrap(header.get(i), width)) {
                out.line(line);
            }
        }
        out.bold(false).line("-".repeat(width));
        if (ticket.reprint()) {
            out.bold(true).line("*** REPRINT ***").bold(false);
        }
        out.line("VOUCHER");
        // Double width halves the characters per line.
        out.size(2, 2).bold(true);
        for (String line : EscPos.wrap(ticket.rewardText(), width / 2)) {
            out.line(line);
        }
        out.size(1, 1).bold(false);
        if (ticket.valueCents() > 0) {
            out.line("Value " + money(ticket.valueCents()));
        }
        out.line("Valid through " + DATE.format(ticket.validThrough()));
        out.feed(1);
        if (barcode == VoucherBarcode.QR || barcode == VoucherBarcode.BOTH) {
            out.qr(ticket.code(), QR_MODULE, QrErrorCorrection.M);
        }
        if (barcode == VoucherBarcode.CODE128 || barcode == VoucherBarcode.BOTH) {
            // Without dashes (verification ignores them) the barcode is 211 modules: 422 dots at the
            // narrowest module, which fits the 576 dots of 80 mm paper. The grouped text follows.
            out.barcodeHeight(CODE128_HEIGHT)
                    .barcodeWidth(2)
                    .barcodeText(HriPosition.NONE)
                    .code128(ticket.code().replace("-", ""));
        }
        out.bold(true).line(ticket.code()).bold(false);
        out.line("Voucher " + ticket.label());
        Optional<String> terms = ticket.terms().or(() -> defaultTerms);
        if (terms.isPresent()) {
            out.feed(1).align(Alignment.LEFT).wrapped(terms.get());
        }
        return out.cut(CutMode.PARTIAL, 3).build();
    }

    private String money(long cents) {
        return currency + String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
