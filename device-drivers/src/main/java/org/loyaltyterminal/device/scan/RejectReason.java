package org.loyaltyterminal.device.scan;

/** Why a frame from a scanner was dropped instead of becoming a {@link ScanEvent}. */
public enum RejectReason {
    /** Nothing between two terminators, or nothing left after prefix, suffix and AIM id. */
    EMPTY,
    /** A byte outside printable ASCII (0x20..0x7E); 0x1D is allowed only in GS1 symbologies. */
    NON_PRINTABLE,
    /** Longer than the configured maximum line length; dropped whole, never split. */
    TOO_LONG,
    /** A partial line that was followed by silence longer than the gap instead of a terminator. */
    INCOMPLETE,
    /** The configured prefix or suffix was not where it should be. */
    MISSING_PREFIX_OR_SUFFIX,
    /** The AIM id promised a format the payload does not have (e.g. ]E4 with 7 digits). */
    MALFORMED,
    /** An EAN-13, EAN-8, UPC-A or UPC-E whose check digit does not match: a misread. */
    BAD_CHECK_DIGIT
}
