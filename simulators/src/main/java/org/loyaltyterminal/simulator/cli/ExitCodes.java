package org.loyaltyterminal.simulator.cli;

/** Exit statuses scripts rely on; the numbers are those the daemon's command line used for the same cases. */
final class ExitCodes {
    static final int OK = 0;
    /** The demo or the benchmark saw the pipeline answer other than a till should, or could not start it. */
    static final int FAILED = 1;
    /** An option out of range, or no daemon jar to start. */
    static final int BAD_USAGE = 2;
    /** A {@code bench} that measured a figure worse than its stated target. */
    static final int TARGET_MISSED = 4;

    private ExitCodes() {}
}
