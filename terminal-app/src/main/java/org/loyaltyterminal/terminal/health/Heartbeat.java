package org.loyaltyterminal.terminal.health;

import java.time.Duration;
import org.loyaltyterminal.device.Ticker;

/**
 * When a periodic job last completed, on the monotonic clock. The daemon's housekeeping beats it
 * after each round; a round takes the scan processor's lock and a storage checkpoint, so a beat
 * that stops coming means one of them is stuck.
 */
public final class Heartbeat {
    private final Ticker ticker;
    private volatile long lastNanos;

    public Heartbeat(Ticker ticker) {
        this.ticker = ticker;
        this.lastNanos = ticker.nanos();
    }

    public void beat() {
        lastNanos = ticker.nanos();
    }

    public Duration age() {
        return Duration.ofNanos(Math.max(0, ticker.nanos() - lastNanos));
    }
}
