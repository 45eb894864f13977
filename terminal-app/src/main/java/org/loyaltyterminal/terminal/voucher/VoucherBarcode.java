package org.loyaltyterminal.terminal.voucher;

/** How a voucher's code is printed besides as text. */
public enum VoucherBarcode {
    /** A QR code: read by 2D imagers and phone cameras, robust on worn paper. */
    QR,
    /** CODE128: read by the 1D laser scanners many tills still have. */
    CODE128,
    /** Both, for a chain with a mix of scanners. */
    BOTH
}
