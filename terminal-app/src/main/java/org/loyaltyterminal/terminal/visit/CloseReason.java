package org.loyaltyterminal.terminal.visit;

/** Why a visit ended. */
public enum CloseReason {
    NEXT_MEMBER,
    CLOSE_CODE,
    TIMEOUT,
    SHUTDOWN
}
