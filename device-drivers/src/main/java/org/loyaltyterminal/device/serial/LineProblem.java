package org.loyaltyterminal.device.serial;

import java.util.Objects;

/**
 * Why a device could not be used: a line that would not open, or a device that did not answer on
 * an open line. The reconnecting loop logs one WARN line each time the kind changes, none per retry.
 *
 * @param kind    what went wrong, for deciding whether it is news
 * @param message for people: what was seen and what to do
 */
public record LineProblem(Kind kind, String message) {

    /** What went wrong. */
    public enum Kind {
        /** The device path does not exist: unplugged, or not plugged in yet. */
        ABSENT,
        /** The path exists but the service user may not open it. */
        PERMISSION,
        /** The line opened but the device did not complete its start-up. */
        NOT_ANSWERING,
        /** Anything else: busy, not a serial port. */
        OTHER
    }

    public LineProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
