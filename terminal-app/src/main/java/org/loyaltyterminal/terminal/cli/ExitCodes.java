package org.loyaltyterminal.terminal.cli;

/** Exit statuses the systemd unit and scripts rely on. */
final class ExitCodes {
    static final int OK = 0;
    /** Storage or a device could not be brought up; a restart may help. */
    static final int STARTUP_FAILED = 1;
    /** The config or campaign file is wrong; a restart will not help (RestartPreventExitStatus=2). */
    static final int BAD_CONFIG = 2;
    /** {@code check} found balances that differ from the ledger. */
    static final int INCONSISTENT = 3;

    private ExitCodes() {}
}
