package org.loyaltyterminal.device.gpio;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which GPIO line drives each output, on which chip.
 *
 * @param chip      the gpiochip device name, e.g. {@code gpiochip0} (Raspberry Pi 4 and 5 with
 *                  current kernels)
 * @param lines     BCM line numbers, 0 to {@value #MAX_LINE}; each line at most once
 * @param activeLow true when an output is on at low level (LED or buzzer wired to 3.3 V)
 */
public record GpioPins(String chip, Map<Output, Integer> lines, boolean activeLow) {
    /** The highest line on a Raspberry Pi's main GPIO chip (BCM 0-53; the header carries 0-27). */
    public static final int MAX_LINE = 53;

    public GpioPins {
        Objects.requireNonNull(chip, "chip");
        if (!chip.matches("gpiochip[0-9]{1,2}")) {
            throw new IllegalArgumentException("'" + chip + "' is not a gpiochip name; use e.g. gpiochip0");
        }
        Map<Integer, Output> used = new HashMap<>();
        for (Map.Entry<Output, Integer> e : lines.entrySet()) {
            int line = e.getValue();
            if (line < 0 || line > MAX_LINE) {
                throw new IllegalArgumentException(e.getKey() + ": line " + line + " is not from 0 to " + MAX_LINE);
            }
            Output other = used.put(line, e.getKey());
            if (other != null) {
                throw new IllegalArgumentException(
                        "line " + line + " is used for both " + other + " and " + e.getKey());
            }
        }
        lines = lines.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(lines));
    }
}
