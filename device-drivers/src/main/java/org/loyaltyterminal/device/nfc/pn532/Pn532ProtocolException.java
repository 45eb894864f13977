package org.loyaltyterminal.device.nfc.pn532;

import org.loyaltyterminal.device.DeviceException;

/** A PN532 response or card content that does not have the expected shape; the message says how. */
public class Pn532ProtocolException extends DeviceException {
    public Pn532ProtocolException(String message) {
        super(message);
    }
}
