package org.loyaltyterminal.device.nfc.pn532;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.testing.WitherChecks;

class Pn532SettingsTest {
    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        Path port = Path.of("/dev/ttyUSB0");
        Duration poll = Duration.ofMillis(50);
        Duration command = Duration.ofMillis(300);
        Duration startup = Duration.ofSeconds(3);
        Duration rearm = Duration.ofMillis(400);
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofSeconds(10);
        WitherChecks.from(Pn532Settings.defaults(Path.of("/dev/serial0")))
                .check("withName", s -> s.withName("door"), "name", "door")
                .check("withPort", s -> s.withPort(port), "port", port)
                .check("withBaud", s -> s.withBaud(9600), "baud", 9600)
                .check("withReadNdef", s -> s.withReadNdef(true), "readNdef", true)
                .check("withPollInterval", s -> s.withPollInterval(poll), "pollInterval", poll)
                .check(
                        "withTimeouts",
                        s -> s.withTimeouts(command, startup),
                        "commandTimeout",
                        command,
                        "startupTimeout",
                        startup)
                .check("withAbsentBeforeRearm", s -> s.withAbsentBeforeRearm(rearm), "absentBeforeRearm", rearm)
                .check(
                        "withReconnectBackoff",
                        s -> s.withReconnectBackoff(initial, max),
                        "reconnectInitial",
                        initial,
                        "reconnectMax",
                        max)
                .assertAllWithers();
    }
}
