package org.loyaltyterminal.terminal.status;

/** The devices the status page lists, always all three, configured or not. */
public enum DeviceKind {
    SCANNER("scanner"),
    NFC_READER("nfc-reader"),
    PRINTER("printer");

    private final String label;

    DeviceKind(String label) {
        this.label = label;
    }

    /** The name in JSON and metrics labels. */
    public String label() {
        return label;
    }
}
