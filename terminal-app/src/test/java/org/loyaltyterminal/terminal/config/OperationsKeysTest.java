package org.loyaltyterminal.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.device.gpio.GpioPins;
import org.loyaltyterminal.device.gpio.Output;

/** store.time-zone, status.* and gpio.*: defaults, good values, and bad ones refused with the key and the fix. */
class OperationsKeysTest {
    private static final String MINIMAL = """
            terminal.id = till-01
            store.id = store-0042
            chain.id = acme
            data.dir = data
            campaigns.file = campaigns.json
            scanner.port = /dev/ttyACM0
            member.card.1.pattern = ^2412[0-9]{9}$
            """;
    private static final ZoneId SYSTEM = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path dir;

    private TerminalConfig load(String text) throws IOException {
        Path file = dir.resolve("terminal.conf");
        Files.writeString(file, text);
        return new ConfigLoader(SYSTEM).load(file);
    }

    @Test
    void defaultsAreTheSystemZoneLoopbackStatusAndNoGpio() throws IOException {
        TerminalConfig config = load(MINIMAL);
        assertEquals(SYSTEM, config.timeZone());
        assertEquals(
                Optional.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 8088)),
                config.status().listen());
        assertEquals(Optional.empty(), config.status().token());
        assertEquals(Optional.empty(), config.gpio());
    }

    @Test
    void aNetworkAddressWithAPrivateTokenFileAndWiredOutputs() throws IOException {
        Path token = dir.resolve("status-token");
        Files.writeString(token, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        TerminalConfig config = load(MINIMAL + """
                store.time-zone = Europe/Berlin
                status.listen = 0.0.0.0:9000
                status.token-file = status-token
                gpio.ready-led = 17
                gpio.fault-led = 27
                gpio.buzzer = 18
                gpio.active-low = true
                """);
        assertEquals(ZoneId.of("Europe/Berlin"), config.timeZone());
        assertEquals(9000, config.status().listen().orElseThrow().getPort());
        assertTrue(config.status().token().orElseThrow().matches("0123456789abcdef0123456789abcdef"));
        assertEquals(Optional.of(token), config.status().tokenFile());
        assertEquals(
                new GpioPins("gpiochip0", Map.of(Output.READY_LED, 17, Output.FAULT_LED, 27, Output.BUZZER, 18), true),
                config.gpio().orElseThrow());
        assertFalse(load(MINIMAL + "status.listen = off\n").status().listen().isPresent());
        assertEquals(
                8088,
                load(MINIMAL + "status.listen = [::1]:8088\n")
                        .status()
                        .listen()
                        .orElseThrow()
                        .getPort());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("zone", "store.time-zone = Mars/Olympus\n", "key 'store.time-zone'", "region id"),
                Arguments.of(
                        "listen without port", "status.listen = 127.0.0.1\n", "key 'status.listen'", "address:port"),
                Arguments.of(
                        "listen port 0", "status.listen = 127.0.0.1:0\n", "key 'status.listen'", "not from 1 to 65535"),
                Arguments.of(
                        "listen host name",
                        "status.listen = till.local:8088\n",
                        "key 'status.listen'",
                        "not a numeric IP"),
                Arguments.of(
                        "listen v6 unbracketed", "status.listen = ::1:8088\n", "key 'status.listen'", "in brackets"),
                Arguments.of(
                        "network without token",
                        "status.listen = 0.0.0.0:8088\n",
                        "key 'status.listen'",
                        "needs a manager token"),
                Arguments.of(
                        "missing token file",
                        "status.token-file = nowhere\n",
                        "key 'status.token-file'",
                        "does not exist"),
                Arguments.of("pin not a number", "gpio.buzzer = GPIO18\n", "key 'gpio.buzzer'", "BCM GPIO number"),
                Arguments.of("pin out of range", "gpio.ready-led = 99\n", "key 'gpio.ready-led'", "from 0 to 53"),
                Arguments.of("negative pin", "gpio.ready-led = -1\n", "key 'gpio.ready-led'", "from 0 to 53"),
                Arguments.of(
                        "duplicate pins",
                        "gpio.ready-led = 17\ngpio.buzzer = 17\n",
                        "key 'gpio.buzzer'",
                        "GPIO 17 is already used by gpio.ready-led"),
                Arguments.of(
                        "chip without outputs",
                        "gpio.chip = gpiochip4\n",
                        "key 'gpio.chip'",
                        "no output is configured"),
                Arguments.of(
                        "bad chip",
                        "gpio.buzzer = 18\ngpio.chip = /dev/gpiochip0\n",
                        "key 'gpio.chip'",
                        "not a gpiochip name"),
                Arguments.of(
                        "bad active-low",
                        "gpio.buzzer = 18\ngpio.active-low = yes\n",
                        "key 'gpio.active-low'",
                        "true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValuesAreRefusedNamingTheKeyAndTheFix(String name, String lines, String key, String fix) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(MINIMAL + lines));
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(fix), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data")), "nothing was created");
    }

    @Test
    void aTokenFileOthersCanReadStopsStartup() throws IOException {
        Path token = dir.resolve("status-token");
        Files.writeString(token, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> load(MINIMAL + "status.listen = 0.0.0.0:8088\nstatus.token-file = status-token\n"));
        assertTrue(
                e.getMessage().contains("key 'status.token-file'")
                        && e.getMessage().contains("chmod 600"),
                e.getMessage());
    }
}
