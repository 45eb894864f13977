package org.loyaltyterminal.device.scan;

/**
 * The barcode symbologies a till meets, with their AIM identifier where the scanner sends one.
 * {@link #UNKNOWN} stands for a scan that carried no AIM identifier: the payload is still
 * usable, but nothing is known about how it was encoded.
 */
public enum Symbology {
    EAN_13,
    EAN_8,
    UPC_A,
    UPC_E,
    EAN_UPC_WITH_ADD_ON,
    CODE_128,
    GS1_128,
    CODE_39,
    ITF,
    GS1_DATABAR,
    QR,
    GS1_QR,
    DATA_MATRIX,
    GS1_DATA_MATRIX,
    PDF417,
    UNKNOWN
}
