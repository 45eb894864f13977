package org.loyaltyterminal.terminal.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.core.config.KeyValueFile;
import org.loyaltyterminal.device.gpio.GpioPins;
import org.loyaltyterminal.device.gpio.Output;
import org.loyaltyterminal.terminal.status.ManagerToken;
import org.loyaltyterminal.terminal.status.StatusSettings;

/**
 * The keys of what surrounds the loyalty flow: the store's time zone, the status page
 * ({@code status.*}) and the GPIO indicators ({@code gpio.*}). Kept apart from ConfigLoader so
 * that each group of keys reads in one place.
 */
final class OperationsKeys {
    private static final Map<Output, String> GPIO_KEYS = Map.of(
            Output.READY_LED, "gpio.ready-led",
            Output.HQ_LED, "gpio.hq-led",
            Output.FAULT_LED, "gpio.fault-led",
            Output.BUZZER, "gpio.buzzer");

    private OperationsKeys() {}

    static ZoneId timeZone(KeyValueFile c, ZoneId systemZone) {
        Optional<String> value = c.optional("store.time-zone");
        if (value.isEmpty()) {
            return systemZone;
        }
        try {
            return ZoneId.of(value.get());
        } catch (DateTimeException e) {
            throw c.invalid(
                    "store.time-zone",
                    value.get(),
                    "use a region id such as Europe/Berlin (see timedatectl "
                            + "list-timezones), or remove the key to use the system's zone");
        }
    }

    static StatusSettings status(KeyValueFile c, Path base) {
        String listenKey = "status.listen";
        String listenText = c.optional(listenKey).orElse(StatusSettings.DEFAULT_LISTEN);
        Optional<InetSocketAddress> listen;
        if (listenText.equalsIgnoreCase("off")) {
            listen = Optional.empty();
        } else {
            try {
                listen = Optional.of(StatusSettings.parseListen(listenText));
            } catch (IllegalArgumentException e) {
                throw c.invalid(listenKey, listenText, e.getMessage());
            }
        }
        String tokenKey = "status.token-file";
        Optional<String> tokenText = c.optional(tokenKey);
        Optional<Path> tokenFile = tokenText.map(base::resolve);
        Optional<ManagerToken> token;
        try {
            token = tokenFile.map(ManagerToken::read);
        } catch (IllegalArgumentException e) {
            throw c.invalid(tokenKey, tokenText.orElseThrow(), e.getMessage());
        }
        if (listen.isPresent() && !listen.get().getAddress().isLoopbackAddress() && token.isEmpty()) {
            throw c.invalid(
                    listenKey,
                    listenText,
                    "an address reachable from the network needs a manager token: set "
                            + tokenKey
                            + " to a file only the service user can read (openssl rand -hex 32 > FILE; chmod 600 FILE), "
                            + "or listen on 127.0.0.1");
        }
        return new StatusSettings(listen, tokenFile, token);
    }

    static Optional<GpioPins> gpio(KeyValueFile c) {
        Map<Output, Integer> lines = new EnumMap<>(Output.class);
        Map<Integer, String> keyOfLine = new HashMap<>();
        for (Output output : Output.values()) {
            String key = GPIO_KEYS.get(output);
            Optional<String> value = c.optional(key);
            if (value.isEmpty()) {
                continue;
            }
            int line;
            try {
                line = Integer.parseInt(value.get());
            } catch (NumberFormatException e) {
                throw c.invalid(
                        key,
                        value.get(),
                        "use a BCM GPIO number from 0 to " + GpioPins.MAX_LINE + " (e.g. 17 for header pin 11)");
            }
            if (line < 0 || line > GpioPins.MAX_LINE) {
                throw c.invalid(
                        key,
                        value.get(),
                        "use a BCM GPIO number from 0 to " + GpioPins.MAX_LINE + " (e.g. 17 for header pin 11)");
            }
            String other = keyOfLine.put(line, key);
            if (other != null) {
                throw c.invalid(
                        key,
                        value.get(),
                        "GPIO " + line + " is already used by " + other + "; give each output its own line");
            }
            lines.put(output, line);
        }
        Optional<String> chip = c.optional("gpio.chip");
        Optional<String> activeLow = c.optional("gpio.active-low");
        if (lines.isEmpty()) {
            chip.ifPresent(v -> {
                throw c.invalid(
                        "gpio.chip",
                        v,
                        "no output is configured; set gpio.ready-led, gpio.hq-led, gpio.fault-led or "
                                + "gpio.buzzer, or remove this key");
            });
            activeLow.ifPresent(v -> {
                throw c.invalid(
                        "gpio.active-low", v, "no output is configured; set a gpio.* output, or remove this key");
            });
            return Optional.empty();
        }
        String chipName = chip.orElse("gpiochip0");
        if (activeLow.isPresent() && !activeLow.get().toLowerCase(Locale.ROOT).matches("true|false")) {
            throw c.invalid("gpio.active-low", activeLow.get(), "use true or false (default false)");
        }
        try {
            return Optional.of(new GpioPins(
                    chipName, lines, activeLow.map(Boolean::parseBoolean).orElse(false)));
        } catch (IllegalArgumentException e) {
            throw c.invalid("gpio.chip", chipName, e.getMessage());
        }
    }
}
