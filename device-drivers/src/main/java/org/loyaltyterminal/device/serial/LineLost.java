package org.loyaltyterminal.device.serial;

/**
 * An open serial line stopped working: read or write failed, or the device path disappeared. The
 * message says what was seen ("device path disappeared", "read failed (hang-up), device unplugged
 * or gone"). Expected when a device is unplugged, so it carries no stack trace.
 */
public final class LineLost extends Exception {
    private static final long serialVersionUID = 1L;

    public LineLost(String message) {
        super(message, null, false, false);
    }
}
