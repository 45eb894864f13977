package org.loyaltyterminal.device;

/**
 * Root of every failure a device adapter reports. Messages name the device, what was seen and
 * what to do next, because they end up in the journal of a till nobody is watching.
 */
public class DeviceException extends RuntimeException {
    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
