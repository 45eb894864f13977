package org.loyaltyterminal.device.nfc.pn532;

import org.loyaltyterminal.device.DeviceException;

/** One command got no usable answer; the session has already cancelled it and drained the line. */
final class CommandFailed extends DeviceException {
    enum Kind {
        ACK_TIMEOUT,
        RESPONSE_TIMEOUT,
        NACK,
        ERROR_FRAME,
        MALFORMED,
        PROTOCOL
    }

    private final Kind kind;

    CommandFailed(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
