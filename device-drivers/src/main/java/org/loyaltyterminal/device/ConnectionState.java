package org.loyaltyterminal.device;

/** Whether a device adapter currently holds its device. */
public enum ConnectionState {
    /** Not opened yet, or closed by its owner. */
    STOPPED,
    /** Open and reading. */
    CONNECTED,
    /** Lost or not found; the adapter is retrying with backoff. */
    DISCONNECTED
}
