package org.loyaltyterminal.device.nfc.pn532;

/** The byte line to the chip, as {@link Pn532Session} needs it; the serial port in production. */
interface Pn532Link {
    /** Writes all bytes or throws. */
    void write(byte[] bytes) throws LinkLost;

    /**
     * Reads what has arrived, waiting a short slice (about 100 ms) for the first byte.
     *
     * @return bytes read into {@code buf}, 0 when the slice passed quietly
     */
    int read(byte[] buf) throws LinkLost;

    /** The device is gone (or the reader is stopping, then the reason is empty). */
    final class LinkLost extends Exception {
        LinkLost(String reason) {
            super(reason, null, false, false);
        }

        boolean stopping() {
            return getMessage().isEmpty();
        }
    }
}
