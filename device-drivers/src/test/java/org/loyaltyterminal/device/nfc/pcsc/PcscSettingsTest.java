package org.loyaltyterminal.device.nfc.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loyaltyterminal.device.WitherChecks.assertEachChangesOnlyItsFields;
import static org.loyaltyterminal.device.WitherChecks.wither;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PcscSettingsTest {
    @Test
    void defaults() {
        PcscSettings s = PcscSettings.defaults();
        assertEquals("nfc", s.name());
        assertEquals("", s.readerFilter());
        assertEquals(Duration.ofMillis(500), s.pollTimeout());
        assertEquals(Duration.ofMillis(300), s.absentBeforeRearm());
        assertEquals(Optional.empty(), s.library());
    }

    @Test
    void messagesNameTheFieldAndTheValue() {
        PcscSettings s = PcscSettings.defaults();
        assertEquals(
                "PC/SC reader settings: pollTimeout = 5 ms is invalid; expected 10..10000 ms",
                assertThrows(IllegalArgumentException.class, () -> s.withPollTimeout(Duration.ofMillis(5)))
                        .getMessage());
        assertEquals(
                "PC/SC reader settings: reconnectMax = 100 ms is invalid; expected 250..600000 ms",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> s.withReconnectBackoff(Duration.ofMillis(250), Duration.ofMillis(100)))
                        .getMessage());
        assertEquals(
                "PC/SC reader settings: name = ' ' is invalid; expected a non-blank name",
                assertThrows(IllegalArgumentException.class, () -> s.withName(" "))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withReaderFilter(" ACR122"));
        assertThrows(IllegalArgumentException.class, () -> s.withAbsentBeforeRearm(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> s.withLibrary(Path.of("libpcsclite.so.1")));
    }

    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        Path library = Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1");
        assertEachChangesOnlyItsFields(
                PcscSettings.defaults(),
                List.of(
                        wither("withName", s -> s.withName("counter"), Map.of("name", "counter")),
                        wither("withReaderFilter", s -> s.withReaderFilter("ACR122"), Map.of("readerFilter", "ACR122")),
                        wither(
                                "withPollTimeout",
                                s -> s.withPollTimeout(Duration.ofMillis(200)),
                                Map.of("pollTimeout", Duration.ofMillis(200))),
                        wither(
                                "withAbsentBeforeRearm",
                                s -> s.withAbsentBeforeRearm(Duration.ofMillis(100)),
                                Map.of("absentBeforeRearm", Duration.ofMillis(100))),
                        wither(
                                "withReconnectBackoff",
                                s -> s.withReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)),
                                Map.of(
                                        "reconnectInitial",
                                        Duration.ofMillis(100),
                                        "reconnectMax",
                                        Duration.ofSeconds(2))),
                        wither("withLibrary", s -> s.withLibrary(library), Map.of("library", Optional.of(library)))));
    }
}
