package org.loyaltyterminal.terminal.systemd;

/** The notification socket could not be used; the message names the address and errno. */
public final class NotifyException extends RuntimeException {
    public NotifyException(String message) {
        super(message);
    }
}
