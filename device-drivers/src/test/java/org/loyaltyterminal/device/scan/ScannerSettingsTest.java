package org.loyaltyterminal.device.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyterminal.device.WitherChecks.assertEachChangesOnlyItsFields;
import static org.loyaltyterminal.device.WitherChecks.wither;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.scan.ScannerSettings.Parity;
import org.loyaltyterminal.device.scan.ScannerSettings.StopBits;
import org.loyaltyterminal.device.scan.ScannerSettings.Terminator;

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
        assertEachChangesOnlyItsFields(
                d,
                List.of(
                        wither("withName", s -> s.withName("till-2"), Map.of("name", "till-2")),
                        wither(
                                "withPort",
                                s -> s.withPort(Path.of("/dev/ttyUSB1")),
                                Map.of("port", Path.of("/dev/ttyUSB1"))),
                        wither("withBaud", s -> s.withBaud(115200), Map.of("baud", 115200)),
                        wither("withDataBits", s -> s.withDataBits(7), Map.of("dataBits", 7)),
                        wither("withParity", s -> s.withParity(Parity.EVEN), Map.of("parity", Parity.EVEN)),
                        wither("withStopBits", s -> s.withStopBits(StopBits.TWO), Map.of("stopBits", StopBits.TWO)),
                        wither(
                                "withTerminator",
                                s -> s.withTerminator(Terminator.CRLF),
                                Map.of("terminator", Terminator.CRLF)),
                        wither(
                                "withInterCharGap",
                                s -> s.withInterCharGap(Duration.ofMillis(20)),
                                Map.of("interCharGap", Duration.ofMillis(20))),
                        wither("withPrefix", s -> s.withPrefix("]"), Map.of("prefix", "]")),
                        wither("withSuffix", s -> s.withSuffix("#"), Map.of("suffix", "#")),
                        wither("withMaxLineLength", s -> s.withMaxLineLength(64), Map.of("maxLineLength", 64)),
                        wither(
                                "withReconnectBackoff",
                                s -> s.withReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2)),
                                Map.of(
                                        "reconnectInitial",
                                        Duration.ofMillis(100),
                                        "reconnectMax",
                                        Duration.ofSeconds(2))),
                        wither(
                                "withNoiseQuietPeriod",
                                s -> s.withNoiseQuietPeriod(Duration.ofSeconds(3)),
                                Map.of("noiseQuietPeriod", Duration.ofSeconds(3)))));
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
