package org.loyaltyterminal.sync;

/** The root of this module's failures: a broken link, a refused message, a bad setting. */
public class SyncException extends RuntimeException {
    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
