package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.testing.WitherChecks;
import org.loyaltyterminal.device.scan.ScannerSettings.Terminator;
import org.loyaltyterminal.device.serial.LineSettings.Parity;
import org.loyaltyterminal.device.serial.LineSettings.StopBits;

class ScannerSettingsTest {
    private final ScannerSettings d = ScannerSettings.defaults(Path.of("/dev/ttyACM0"));

    @Test
    void defaultsAre9600_8N1_CrWithFiftyMillisecondGap() {
        assertEquals("scanner", d.name());
        assertEquals(9600, d.baud());
        assertEquals(8, d.dataBits());
        assertEquals(Parity.NONE, d.parity());
        assertEquals(StopBits.ONE, d.stopBits());
        assertEquals(Terminator.CR, d.terminator());
        assertEquals(Duration.ofMillis(50), d.interCharGap());
        assertEquals("", d.prefix());
        assertEquals("", d.suffix());
        assertEquals(128, d.maxLineLength());
        assertEquals(Duration.ofMillis(250), d.reconnectInitial());
        assertEquals(Duration.ofSeconds(5), d.reconnectMax());
        assertEquals(Duration.ofSeconds(2), d.noiseQuietPeriod());
    }

    @Test
    void withersChangeOneField() {
        ScannerSettings s = d.withBaud(115200).withTerminator(Terminator.CRLF).withPrefix("#");
        assertEquals(115200, s.baud());
        assertEquals(Terminator.CRLF, s.terminator());
        assertEquals("#", s.prefix());
        assertEquals(d.port(), s.port());
    }

    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        Path port = Path.of("/dev/ttyUSB1");
        Duration gap = Duration.ofMillis(20);
        Duration initial = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(20);
        Duration quiet = Duration.ofSeconds(3);
        WitherChecks.from(d)
                .check("withName", s -> s.withName("till-2"), "name", "till-2")
                .check("withPort", s -> s.withPort(port), "port", port)
                .check("withBaud", s -> s.withBaud(115200), "baud", 115200)
                .check("withDataBits", s -> s.withDataBits(7), "dataBits", 7)
                .check("withParity", s -> s.withParity(Parity.EVEN), "parity", Parity.EVEN)
                .check("withStopBits", s -> s.withStopBits(StopBits.TWO), "stopBits", StopBits.TWO)
                .check("withTerminator", s -> s.withTerminator(Terminator.LF), "terminator", Terminator.LF)
                .check("withInterCharGap", s -> s.withInterCharGap(gap), "interCharGap", gap)
                .check("withPrefix", s -> s.withPrefix("]"), "prefix", "]")
                .check("withSuffix", s -> s.withSuffix("#"), "suffix", "#")
                .check("withMaxLineLength", s -> s.withMaxLineLength(64), "maxLineLength", 64)
                .check(
                        "withReconnectBackoff",
                        s -> s.withReconnectBackoff(initial, max),
                        "reconnectInitial",
                        initial,
                        "reconnectMax",
                        max)
                .check("withNoiseQuietPeriod", s -> s.withNoiseQuietPeriod(quiet), "noiseQuietPeriod", quiet)
                .assertAllWithers();
    }

    @Test
    void invalidValuesAreRefusedWithTheFieldAndValueNamed() {
        assertInvalid(() -> d.withDataBits(9), "dataBits = 9");
        assertInvalid(() -> d.withDataBits(4), "dataBits = 4");
        assertInvalid(() -> d.withBaud(0), "baud = 0");
        assertInvalid(() -> d.withInterCharGap(Duration.ZERO), "interCharGap = 0 ms");
        assertInvalid(() -> d.withMaxLineLength(0), "maxLineLength = 0");
        assertInvalid(
                () -> d.withReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)), "reconnectMax = 1000 ms");
        assertInvalid(() -> d.withPrefix("\r"), "prefix");
        assertInvalid(() -> d.withName(" "), "name");
    }

    private static void assertInvalid(Supplier<ScannerSettings> build, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(
                e.getMessage().contains(expected),
                () -> "message should contain '" + expected + "': " + e.getMessage());
    }
}
