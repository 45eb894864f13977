package org.loyaltyterminal.terminal.visit;

/**
 * Tells the cashier what a scan did: a log line today, LEDs, buzzer and a customer display later.
 * Called after the commit, on the scan-processing thread; implementations must not block.
 * A port the scan processor owns; the adapters live in {@code till} and {@code feedback}.
 */
@FunctionalInterface
public interface TillFeedback {
    void signal(ScanOutcome outcome);
}
