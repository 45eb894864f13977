package org.loyaltyterminal.device.print;

import static org.loyaltyterminal.device.WitherChecks.assertEachChangesOnlyItsFields;
import static org.loyaltyterminal.device.WitherChecks.wither;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrinterSettingsTest {
    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        assertEachChangesOnlyItsFields(
                PrinterSettings.defaults(),
                List.of(
                        wither("withName", s -> s.withName("kitchen"), Map.of("name", "kitchen")),
                        wither(
                                "withLineWidth",
                                s -> s.withLineWidth(PrinterSettings.LINE_WIDTH_80_MM),
                                Map.of("lineWidth", PrinterSettings.LINE_WIDTH_80_MM)),
                        wither(
                                "withCodePage",
                                s -> s.withCodePage(CodePage.WPC1252),
                                Map.of("codePage", CodePage.WPC1252)),
                        wither("withQueueCapacity", s -> s.withQueueCapacity(5), Map.of("queueCapacity", 5)),
                        wither(
                                "withStatusTimeout",
                                s -> s.withStatusTimeout(Duration.ofSeconds(2)),
                                Map.of("statusTimeout", Duration.ofSeconds(2))),
                        wither(
                                "withReconnect",
                                s -> s.withReconnect(Duration.ofSeconds(1), Duration.ofSeconds(20)),
                                Map.of(
                                        "reconnectInitial",
                                        Duration.ofSeconds(1),
                                        "reconnectMax",
                                        Duration.ofSeconds(20)))));
    }
}
