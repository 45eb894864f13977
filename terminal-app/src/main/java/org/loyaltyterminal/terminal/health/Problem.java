package org.loyaltyterminal.terminal.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing wrong with the till, in words a store manager can act on.
 *
 * @param component which part: {@code scanner}, {@code nfc-reader}, {@code printer}, {@code hq-link},
 *                  {@code hq-messages}, {@code clock}, {@code storage}, {@code scan-loop}, {@code housekeeping}
 * @param what      what is wrong, e.g. "the barcode scanner is not connected"
 * @param action    what to do about it, e.g. "check its cable; the till picks it up again by itself"
 * @param since     when this state began (first seen, to the sampling second, when the source does not know)
 */
public record Problem(String component, Severity severity, String what, String action, Instant since) {
    public Problem {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(since, "since");
    }

    /** The same problem, dated from an earlier moment. */
    Problem datedFrom(Instant earlier) {
        return new Problem(component, severity, what, action, earlier);
    }
}
