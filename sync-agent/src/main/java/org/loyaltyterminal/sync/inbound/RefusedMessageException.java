package org.loyaltyterminal.sync.inbound;

import org.loyaltyterminal.sync.SyncException;

/** A message from HQ that is not applied, with the reason in a form the status page can count. */
public final class RefusedMessageException extends SyncException {
    private final Refusal refusal;

    public RefusedMessageException(Refusal refusal, String detail) {
        super(refusal.meaning() + ": " + detail);
        this.refusal = refusal;
    }

    public RefusedMessageException(Refusal refusal, String detail, Throwable cause) {
        super(refusal.meaning() + ": " + detail, cause);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
