package org.loyaltyterminal.device.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.loyaltyterminal.device.DeviceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indicator on GPIO lines through Pi4J. On the till it uses Pi4J's gpiod provider, which
 * talks to {@code /dev/gpiochipN} through libgpiod (bundled in Pi4J's jar for arm64 and armhf):
 * no root, no pigpio daemon, only membership of the group that owns the chip ({@code gpio} on
 * Raspberry Pi OS). The only class that imports Pi4J. One Pi4J context, owned and shut down here.
 */
public final class Pi4jIndicator implements Indicator {
    private static final Logger log = LoggerFactory.getLogger(Pi4jIndicator.class);

    private final Context context;
    private final Map<Output, DigitalOutput> lines;

    private Pi4jIndicator(Context context, Map<Output, DigitalOutput> lines) {
        this.context = context;
        this.lines = lines;
    }

    /**
     * Opens the lines on the till's GPIO chip.
     *
     * @throws DeviceException naming the chip, the line and the group to join when it cannot
     */
    public static Pi4jIndicator open(GpioPins pins) {
        Context context;
        try {
            context = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(GpioDDigitalOutputProvider.newInstance())
                    .setGpioChipName(pins.chip())
                    .build();
        } catch (RuntimeException | LinkageError e) {
            throw new DeviceException("GPIO " + pins.chip() + ": Pi4J could not start (" + e.getMessage()
                    + "); on a Raspberry Pi check that /dev/" + pins.chip()
                    + " exists and the service user is in group gpio");
        }
        return open(context, pins, GpioDDigitalOutputProvider.ID);
    }

    /** Opens the lines through {@code provider} of {@code context} (the mock provider in tests). */
    public static Pi4jIndicator open(Context context, GpioPins pins, String provider) {
        Map<Output, DigitalOutput> lines = new EnumMap<>(Output.class);
        DigitalState on = pins.activeLow() ? DigitalState.LOW : DigitalState.HIGH;
        DigitalState off = pins.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
        for (Map.Entry<Output, Integer> e : pins.lines().entrySet()) {
            try {
                lines.put(
                        e.getKey(),
                        context.create(DigitalOutput.newConfigBuilder(context)
                                .id("loyalty-"
                                        + e.getKey()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', '-'))
                                .name(e.getKey().name())
                                .address(e.getValue())
                                .onState(on)
                                .initial(off)
                                .shutdown(off)
                                .provider(provider)
                                .build()));
            } catch (RuntimeException ex) {
                shutdownQuietly(context);
                throw new DeviceException(
                        "GPIO " + pins.chip() + " line " + e.getValue() + " (" + e.getKey() + ") cannot be "
                                + "claimed: " + ex.getMessage()
                                + "; check that no other program holds it (gpioinfo) and that the "
                                + "service user is in group gpio",
                        ex);
            }
        }
        return new Pi4jIndicator(context, lines);
    }

    @Override
    public Set<Output> outputs() {
        return lines.keySet();
    }

    @Override
    public void set(Output output, boolean on) {
        DigitalOutput line = lines.get(output);
        if (line == null) {
            return;
        }
        try {
            if (on) {
                line.on();
            } else {
                line.off();
            }
        } catch (RuntimeException e) {
            throw new DeviceException(
                    "GPIO " + output + " (line " + line.address() + ") cannot be set: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (DigitalOutput line : lines.values()) {
            try {
                line.off();
            } catch (RuntimeException e) {
                log.warn("GPIO {} could not be switched off at close: {}", line.name(), e.getMessage());
            }
        }
        shutdownQuietly(context);
    }

    private static void shutdownQuietly(Context context) {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            log.warn("GPIO: Pi4J did not shut down cleanly: {}", e.getMessage());
        }
    }
}
