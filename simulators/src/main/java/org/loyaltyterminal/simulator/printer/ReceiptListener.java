package org.loyaltyterminal.simulator.printer;

/** Told about each receipt the emulated printer cut, e.g. to show its text in the demo's trace. */
@FunctionalInterface
public interface ReceiptListener {
    /** Runs on the transport thread that fed the cut; keep it short, the printer reads on after it returns. */
    void printed(PrintedReceipt receipt);
}
