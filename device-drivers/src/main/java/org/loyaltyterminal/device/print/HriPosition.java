package org.loyaltyterminal.device.print;

/** Where the human-readable text of a barcode goes ({@code GS H n}). */
public enum HriPosition {
    NONE,
    ABOVE,
    BELOW,
    BOTH;

    int code() {
        return ordinal();
    }
}
