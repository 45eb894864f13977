package org.loyaltyterminal.device.print;

/** QR error-correction level ({@code GS ( k 03 00 31 45 n}, n = 48..51). */
public enum QrErrorCorrection {
    L,
    M,
    Q,
    H;

    int code() {
        return 48 + ordinal();
    }
}
