package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.gpio.Output;
import org.loyaltyterminal.terminal.health.Health;

class SteadyLightsTest {
    @Test
    void theHqLedFollowsTheLinkAndNothingElse() {
        assertEquals(Set.of(Output.HQ_LED), Operations.steadyLights(List.of(), new Health.Healthy(), true));
        assertEquals(Set.of(), Operations.steadyLights(List.of(), new Health.Healthy(), false));
        assertEquals(Set.of(Output.HQ_LED, Output.FAULT_LED),
                Operations.steadyLights(List.of(), new Health.Unhealthy("stuck"), true));
    }
}
