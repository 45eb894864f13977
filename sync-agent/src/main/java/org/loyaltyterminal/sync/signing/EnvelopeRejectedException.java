package org.loyaltyterminal.sync.signing;

import org.loyaltyterminal.sync.SyncException;

/**
 * An envelope whose signature cannot be trusted. Signing knows nothing of HQ's message kinds: the
 * inbound codec turns the reason into the refusal the status page counts.
 */
public final class EnvelopeRejectedException extends SyncException {

    /** What is wrong with the envelope itself, before its body is looked at. */
    public enum Reason {
        MALFORMED,
        UNSIGNED,
        UNKNOWN_KEY,
        BAD_SIGNATURE
    }

    private final Reason reason;

    EnvelopeRejectedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    EnvelopeRejectedException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
