package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.gpio.Output;
import org.loyaltyterminal.terminal.health.HealthReport;
import org.loyaltyterminal.terminal.health.Problem;
import org.loyaltyterminal.terminal.health.Severity;

class SteadyLightsTest {
    @Test
    void theHqLedFollowsTheLinkAndNothingElse() {
        assertEquals(Set.of(Output.HQ_LED), Operations.steadyLights(List.of(), HealthReport.allWell(NOW), true));
        assertEquals(Set.of(), Operations.steadyLights(List.of(), HealthReport.allWell(NOW), false));
        assertEquals(
                Set.of(Output.HQ_LED, Output.FAULT_LED),
                Operations.steadyLights(List.of(), report(Severity.STUCK), true));
    }

    @Test
    void theFaultLedFollowsTheReportsFaultsNotItsNotices() {
        assertEquals(
                Set.of(), Operations.steadyLights(List.of(), report(Severity.NOTICE), false), "paper low: page only");
        assertEquals(Set.of(Output.FAULT_LED), Operations.steadyLights(List.of(), report(Severity.FAULT), false));
    }

    private static final Instant NOW = Instant.parse("2025-11-24T09:30:00Z");

    private static HealthReport report(Severity severity) {
        return new HealthReport(NOW, List.of(new Problem("printer", severity, "something", "do something", NOW)));
    }
}
