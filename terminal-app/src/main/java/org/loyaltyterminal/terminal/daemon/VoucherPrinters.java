package org.loyaltyterminal.terminal.daemon;

import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;
import org.loyaltyterminal.core.voucher.VoucherCodec;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrintListener;
import org.loyaltyterminal.device.print.PrinterLink;
import org.loyaltyterminal.device.print.PrinterSettings;
import org.loyaltyterminal.device.print.QueuedPrinter;
import org.loyaltyterminal.device.print.ReceiptPrinter;
import org.loyaltyterminal.terminal.config.PrinterConfig;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.ledger.VoucherPrints;
import org.loyaltyterminal.terminal.print.VoucherPrinter;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;
import org.loyaltyterminal.terminal.voucher.VoucherLayout;

/** Builds the voucher printer from the config, for the daemon and for the command line. */
public final class VoucherPrinters {
    private VoucherPrinters() {}

    /** Empty when vouchers are off; otherwise a printer, which may have no device behind it. */
    public static Optional<VoucherPrinter> build(
            TerminalConfig config,
            Function<PrinterConfig.Link, PrinterLink> printerLinks,
            VoucherPrints store,
            InstantSource wallClock) {
        if (config.vouchers().key().isEmpty()) {
            return Optional.empty();
        }
        Optional<Function<PrintListener, ReceiptPrinter>> printers = config.printer()
                .map(printer -> listener -> new QueuedPrinter(
                        printer.settings(), printerLinks.apply(printer.link()), listener, Ticker.system()));
        return Optional.of(new VoucherPrinter(
                printers,
                layout(config),
                new VoucherCodec(),
                config.vouchers().key().get(),
                store,
                wallClock));
    }

    public static VoucherLayout layout(TerminalConfig config) {
        VoucherConfig vouchers = config.vouchers();
        PrinterSettings settings = config.printer().map(PrinterConfig::settings).orElseGet(PrinterSettings::defaults);
        return new VoucherLayout(
                settings, vouchers.header(), vouchers.terms(), vouchers.barcode(), vouchers.currency());
    }
}
