package org.loyaltyterminal.device.print;

import java.util.Optional;

/** QR error-correction level ({@code GS ( k 03 00 31 45 n}, n = 48..51). */
public enum QrErrorCorrection {
    L(48),
    M(49),
    Q(50),
    H(51);

    /** The byte the command carries: fixed by the ESC/POS manual, not by the order of the constants. */
    private final int code;

    QrErrorCorrection(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** The constant a received command byte names, or empty for a value the manual does not define. */
    static Optional<QrErrorCorrection> ofCode(int code) {
        for (QrErrorCorrection value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
