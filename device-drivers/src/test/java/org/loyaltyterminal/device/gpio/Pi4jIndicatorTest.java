package org.loyaltyterminal.device.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pi4J adapter against Pi4J's own mock platform: the line levels it drives, as a board would see them. */
class Pi4jIndicatorTest {
    private Context context;

    @BeforeEach
    void mockBoard() {
        context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalOutputProvider.newInstance())
                .build();
    }

    @AfterEach
    void shutdown() {
        context.shutdown();
    }

    @Test
    void outputsDriveTheirLinesAndCloseSwitchesThemOff() {
        GpioPins pins = new GpioPins("gpiochip0", Map.of(Output.READY_LED, 17, Output.BUZZER, 18), false);
        Pi4jIndicator indicator = Pi4jIndicator.open(context, pins, MockDigitalOutputProvider.ID);
        assertEquals(Set.of(Output.READY_LED, Output.BUZZER), indicator.outputs());
        assertEquals(DigitalState.LOW, line("loyalty-ready-led").state(), "off at start");
        indicator.set(Output.READY_LED, true);
        indicator.set(Output.BUZZER, true);
        assertEquals(DigitalState.HIGH, line("loyalty-ready-led").state());
        assertEquals(17, line("loyalty-ready-led").address());
        assertEquals(DigitalState.HIGH, line("loyalty-buzzer").state());
        indicator.set(Output.BUZZER, false);
        assertEquals(DigitalState.LOW, line("loyalty-buzzer").state());
        indicator.set(Output.FAULT_LED, true); // not wired: ignored
        DigitalOutput ready = line("loyalty-ready-led");
        indicator.close();
        assertEquals(DigitalState.LOW, ready.state(), "everything off at close");
    }

    @Test
    void activeLowWiringInvertsTheLevel() {
        GpioPins pins = new GpioPins("gpiochip0", Map.of(Output.FAULT_LED, 22), true);
        try (Pi4jIndicator indicator = Pi4jIndicator.open(context, pins, MockDigitalOutputProvider.ID)) {
            assertEquals(DigitalState.HIGH, line("loyalty-fault-led").state(), "off is high when active low");
            indicator.set(Output.FAULT_LED, true);
            assertEquals(DigitalState.LOW, line("loyalty-fault-led").state());
        }
    }

    @Test
    void badPinsAreRefusedBeforeAnyLineIsTouched() {
        var duplicate = assertThrows(
                IllegalArgumentException.class,
                () -> new GpioPins("gpiochip0", Map.of(Output.READY_LED, 17, Output.FAULT_LED, 17), false));
        assertTrue(duplicate.getMessage().contains("line 17 is used for both"), duplicate.getMessage());
        var range = assertThrows(
                IllegalArgumentException.class, () -> new GpioPins("gpiochip0", Map.of(Output.BUZZER, 54), false));
        assertTrue(range.getMessage().contains("not from 0 to 53"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GpioPins("/dev/gpiochip0", Map.of(), false));
    }

    private DigitalOutput line(String id) {
        return context.registry().get(id, DigitalOutput.class);
    }
}
