package org.loyaltyterminal.terminal.till;

import org.loyaltyterminal.terminal.visit.ScanOutcome;

/**
 * Tells the cashier what a scan did: a log line today, LEDs, buzzer and a customer display later.
 * Called after the commit, on the scan-processing thread; implementations must not block.
 */
@FunctionalInterface
public interface TillFeedback {
    void signal(ScanOutcome outcome);
}
