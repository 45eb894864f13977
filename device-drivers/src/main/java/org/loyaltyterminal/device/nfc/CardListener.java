package org.loyaltyterminal.device.nfc;

/** Receives card presentations, on the reader's own thread, one at a time. */
@FunctionalInterface
public interface CardListener {
    void onCard(CardRead read);
}
