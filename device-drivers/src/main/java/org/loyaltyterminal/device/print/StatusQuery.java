package org.loyaltyterminal.device.print;

import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Set;
import org.loyaltyterminal.device.DeviceException;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.device.print.PrinterStatus.Online;
import org.loyaltyterminal.device.print.PrinterStatus.Request;

/** The DLE EOT exchange shared by the two-way links: ask 1 and 4, and 2 when offline. */
final class StatusQuery {
    /** One request, one reply byte. */
    @FunctionalInterface
    interface Transceiver {
        /** Returns the reply byte 0..255, or empty when none came within {@code timeoutNanos}. */
        OptionalInt ask(byte[] request, long timeoutNanos);
    }

    private StatusQuery() {}

    static PrinterStatus run(String printer, Transceiver link, Duration timeout, Ticker ticker) {
        long deadline = ticker.nanos() + timeout.toNanos();
        Online online = PrinterStatus.online(ask(printer, link, Request.PRINTER, deadline, timeout, ticker));
        var paper = PrinterStatus.paper(ask(printer, link, Request.PAPER, deadline, timeout, ticker));
        Set<PrinterStatus.OfflineCause> causes = online == Online.OFFLINE
                ? PrinterStatus.offlineCauses(ask(printer, link, Request.OFFLINE_CAUSE, deadline, timeout, ticker))
                : Set.of();
        return new PrinterStatus(online, causes, paper);
    }

    private static int ask(
            String printer, Transceiver link, Request request, long deadline, Duration timeout, Ticker ticker) {
        long remaining = Math.max(1, deadline - ticker.nanos());
        return link.ask(request.bytes(), remaining)
                .orElseThrow(() -> new DeviceException(printer
                        + ": no status reply to " + HexFormat.ofDelimiter(" ").formatHex(request.bytes()) + " within "
                        + timeout.toMillis() + " ms; check power and cable, and that the printer answers DLE EOT"));
    }
}
