package org.loyaltyterminal.terminal.status;

/** The status page cannot be served or reached; the message names the address or file and the fix. */
public final class StatusException extends RuntimeException {
    public StatusException(String message) {
        super(message);
    }

    public StatusException(String message, Throwable cause) {
        super(message, cause);
    }
}
