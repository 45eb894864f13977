package org.loyaltyterminal.device.print;

import java.util.Optional;

/** Justification of the following lines ({@code ESC a n}). */
public enum Alignment {
    LEFT(0),
    CENTRE(1),
    RIGHT(2);

    /** The byte the command carries: fixed by the ESC/POS manual, not by the order of the constants. */
    private final int code;

    Alignment(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** The constant a received command byte names, or empty for a value the manual does not define. */
    static Optional<Alignment> ofCode(int code) {
        for (Alignment value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
