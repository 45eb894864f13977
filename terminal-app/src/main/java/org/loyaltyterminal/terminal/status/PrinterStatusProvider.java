package org.loyaltyterminal.terminal.status;

import java.util.Optional;

/**
 * The printer's state for the status page; empty when no printer is configured. Called from the
 * status server's thread: return what the print queue already knows, never query the printer here.
 */
@FunctionalInterface
public interface PrinterStatusProvider {
    Optional<PrinterView> printer();

    /** No printer configured (the daemon's wiring until the printer is). */
    static PrinterStatusProvider none() {
        return Optional::empty;
    }
}
