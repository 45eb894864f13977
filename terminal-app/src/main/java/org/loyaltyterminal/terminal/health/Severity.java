package org.loyaltyterminal.terminal.health;

/**
 * How much a problem matters, in rising order. Only {@link #STUCK} stops the watchdog's pings: a
 * restart helps a daemon that is stuck, and does nothing for an unplugged scanner or a head
 * office that is offline.
 */
public enum Severity {
    /** Worth knowing; the till works as it should (paper running low, HQ offline, clock not synchronised). */
    NOTICE("notice"),
    /** A part of the till does not work until someone acts (a device unplugged, storage failing). */
    FAULT("fault"),
    /** The daemon itself is stuck (scan loop, housekeeping, storage failing for a minute); systemd restarts it. */
    STUCK("stuck");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The name in JSON and metrics labels. */
    public String label() {
        return label;
    }
}
