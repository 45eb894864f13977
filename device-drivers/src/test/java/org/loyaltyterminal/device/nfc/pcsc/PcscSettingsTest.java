package org.loyaltyterminal.device.nfc.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.testing.WitherChecks;

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
        Duration poll = Duration.ofMillis(200);
        Duration rearm = Duration.ofMillis(100);
        Duration initial = Duration.ofMillis(50);
        Duration max = Duration.ofSeconds(30);
        Path library = Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1");
        WitherChecks.from(PcscSettings.defaults())
                .check("withName", s -> s.withName("counter"), "name", "counter")
                .check("withReaderFilter", s -> s.withReaderFilter("ACR122"), "readerFilter", "ACR122")
                .check("withPollTimeout", s -> s.withPollTimeout(poll), "pollTimeout", poll)
                .check("withAbsentBeforeRearm", s -> s.withAbsentBeforeRearm(rearm), "absentBeforeRearm", rearm)
                .check(
                        "withReconnectBackoff",
                        s -> s.withReconnectBackoff(initial, max),
                        "reconnectInitial",
                        initial,
                        "reconnectMax",
                        max)
                .check("withLibrary", s -> s.withLibrary(library), "library", Optional.of(library))
                .assertAllWithers();
    }
}
