package org.loyaltyterminal.device.nfc.pn532;

import static org.loyaltyterminal.device.WitherChecks.assertEachChangesOnlyItsFields;
import static org.loyaltyterminal.device.WitherChecks.wither;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Pn532SettingsTest {
    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        assertEachChangesOnlyItsFields(
                Pn532Settings.defaults(Path.of("/dev/serial0")),
                List.of(
                        wither("withName", s -> s.withName("door"), Map.of("name", "door")),
                        wither(
                                "withPort",
                                s -> s.withPort(Path.of("/dev/ttyUSB0")),
                                Map.of("port", Path.of("/dev/ttyUSB0"))),
                        wither("withBaud", s -> s.withBaud(9600), Map.of("baud", 9600)),
                        wither("withReadNdef", s -> s.withReadNdef(true), Map.of("readNdef", true)),
                        wither(
                                "withPollInterval",
                                s -> s.withPollInterval(Duration.ofMillis(50)),
                                Map.of("pollInterval", Duration.ofMillis(50))),
                        wither(
                                "withTimeouts",
                                s -> s.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(3)),
                                Map.of(
                                        "commandTimeout",
                                        Duration.ofMillis(300),
                                        "startupTimeout",
                                        Duration.ofSeconds(3))),
                        wither(
                                "withAbsentBeforeRearm",
                                s -> s.withAbsentBeforeRearm(Duration.ofMillis(400)),
                                Map.of("absentBeforeRearm", Duration.ofMillis(400))),
                        wither(
                                "withReconnectBackoff",
                                s -> s.withReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)),
                                Map.of(
                                        "reconnectInitial",
                                        Duration.ofMillis(100),
                                        "reconnectMax",
                                        Duration.ofSeconds(2)))));
    }
}
