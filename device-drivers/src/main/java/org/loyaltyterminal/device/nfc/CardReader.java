package org.loyaltyterminal.device.nfc;

import org.loyaltyterminal.device.ConnectionState;

/**
 * A contactless card reader: a PN532 on a serial line, or a PC/SC reader. One-shot lifecycle,
 * like {@link org.loyaltyterminal.device.scan.ScanSource}: a reader that is absent at start is
 * retried, not an error.
 */
public interface CardReader extends AutoCloseable {
    String name();

    void start(CardListener listener);

    ConnectionState state();

    @Override
    void close();
}
