package org.loyaltyterminal.sync.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestBrokersTest {

    @Test
    void runsOnBothBrokersWhenMosquittoIsInstalled() {
        assertEquals(
                List.of(TestBrokers.Kind.HIVEMQ_EMBEDDED, TestBrokers.Kind.MOSQUITTO),
                TestBrokers.available(true, Optional.of(Path.of("/usr/sbin/mosquitto"))));
    }

    @Test
    void runsOnHiveMqAloneOutsideCi() {
        assertEquals(List.of(TestBrokers.Kind.HIVEMQ_EMBEDDED), TestBrokers.available(false, Optional.empty()));
    }

    @Test
    void failsOnCiWithoutMosquitto() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> TestBrokers.available(true, Optional.empty()));
        assertTrue(e.getMessage().contains("CI must install mosquitto"), e.getMessage());
    }
}
