package org.loyaltyterminal.sync.wire;

import org.loyaltyterminal.sync.SyncException;

/** A payload that is not what its topic promises: refused whole, nothing applied. */
public final class WireFormatException extends SyncException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
