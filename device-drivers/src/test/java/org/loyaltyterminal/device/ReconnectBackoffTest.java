package org.loyaltyterminal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    @Test
    void doublesFromInitialAndStaysAtTheCap() {
        ReconnectBackoff b = new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertEquals(Duration.ofMillis(250), b.delay(0));
        assertEquals(Duration.ofMillis(500), b.delay(1));
        assertEquals(Duration.ofSeconds(1), b.delay(2));
        assertEquals(Duration.ofSeconds(4), b.delay(4));
        assertEquals(Duration.ofSeconds(5), b.delay(5), "capped");
        assertEquals(Duration.ofSeconds(5), b.delay(1_000_000), "no overflow after many attempts");
        assertEquals(Duration.ofSeconds(5), b.delay(Integer.MAX_VALUE), "huge attempt");
    }

    @Test
    void refusesAnInitialAboveTheCapOrANegativeAttempt() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        ReconnectBackoff b = new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThrows(IllegalArgumentException.class, () -> b.delay(-1));
    }
}
