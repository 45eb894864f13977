package org.loyaltyterminal.device.print;

/** Justification of the following lines ({@code ESC a n}). */
public enum Alignment {
    LEFT,
    CENTRE,
    RIGHT;

    int code() {
        return ordinal();
    }
}
