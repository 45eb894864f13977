package org.loyaltyterminal.terminal.daemon;

import java.util.function.Function;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.DeviceFilePrinterLink;
import org.loyaltyterminal.device.print.PrinterLink;
import org.loyaltyterminal.device.print.SerialPrinterLink;
import org.loyaltyterminal.device.print.TcpPrinterLink;
import org.loyaltyterminal.terminal.config.PrinterConfig;

/** Builds the printer transport the config names. */
public final class PrinterLinks implements Function<PrinterConfig.Link, PrinterLink> {
    private final Ticker ticker;

    public PrinterLinks(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public PrinterLink apply(PrinterConfig.Link link) {
        return switch (link) {
            case PrinterConfig.Link.Tcp tcp ->
                new TcpPrinterLink(tcp.address(), tcp.connectTimeout(), tcp.writeTimeout(), ticker);
            case PrinterConfig.Link.Serial serial ->
                new SerialPrinterLink(serial.port(), serial.baud(), serial.writeTimeout(), ticker);
            case PrinterConfig.Link.DeviceFile file -> new DeviceFilePrinterLink(file.device());
        };
    }
}
