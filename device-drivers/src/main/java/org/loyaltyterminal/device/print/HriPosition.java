package org.loyaltyterminal.device.print;

import java.util.Optional;

/** Where the human-readable text of a barcode goes ({@code GS H n}). */
public enum HriPosition {
    NONE(0),
    ABOVE(1),
    BELOW(2),
    BOTH(3);

    /** The byte the command carries: fixed by the ESC/POS manual, not by the order of the constants. */
    private final int code;

    HriPosition(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** The constant a received command byte names, or empty for a value the manual does not define. */
    static Optional<HriPosition> ofCode(int code) {
        for (HriPosition value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
