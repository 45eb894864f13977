package org.loyaltyterminal.device.print;

import java.util.Optional;
import org.loyaltyterminal.device.ConnectionState;

/**
 * The core's port to a receipt printer. {@link #submit} never blocks, whatever the printer is
 * doing: printing happens on the printer's own thread, and outcomes arrive at the
 * {@link PrintListener} given at construction.
 */
public interface ReceiptPrinter extends AutoCloseable {
    String name();

    /** Starts the print thread. One-shot. */
    void start();

    /** Queues the job, or refuses it at once (queue full, printer closed). Never blocks. */
    Submission submit(PrintJob job);

    /** Jobs accepted and not yet printed, the one being tried included. */
    int pending();

    ConnectionState state();

    /** The last status the printer reported (before a job or when polled idle); empty before the first, or on a one-way link. */
    default Optional<PrinterStatus> lastStatus() {
        return Optional.empty();
    }

    /** Why the printer cannot print right now, in words; empty while it can (or before it was asked). */
    default Optional<String> problem() {
        return Optional.empty();
    }

    /** Stops the print thread with a bounded wait; jobs not yet printed are dropped and logged. */
    @Override
    void close();
}
