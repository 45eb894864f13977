package org.loyaltyterminal.terminal.status;

import org.loyaltyterminal.device.ConnectionState;

/** A device's state on the status page. */
public enum DeviceState {
    CONNECTED("connected"),
    /** Configured but absent or lost; the adapter retries. */
    DISCONNECTED("disconnected"),
    /** Configured, not running (before start or after stop). */
    STOPPED("stopped"),
    NOT_CONFIGURED("not-configured");

    private final String label;

    DeviceState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static DeviceState of(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> CONNECTED;
            case DISCONNECTED -> DISCONNECTED;
            case STOPPED -> STOPPED;
        };
    }
}
