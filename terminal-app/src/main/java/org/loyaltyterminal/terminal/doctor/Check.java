package org.loyaltyterminal.terminal.doctor;

/**
 * One thing {@code loyalty-terminal doctor} verifies. Small and independent: a check that cannot
 * run (a device not configured) says so as {@link CheckResult.Skipped}, it does not fail.
 */
public interface Check {
    /** What is checked, e.g. "scanner /dev/loyalty/scanner". */
    String subject();

    CheckResult run();
}
