package org.loyaltyterminal.sync.link;

import org.loyaltyterminal.sync.SyncException;

/** The client's in-flight window is full: try again after the next PUBACK, nothing is lost. */
public final class BackPressureException extends SyncException {
    public BackPressureException(String message, Throwable cause) {
        super(message, cause);
    }
}
