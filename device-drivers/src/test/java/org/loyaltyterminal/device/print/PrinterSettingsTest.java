package org.loyaltyterminal.device.print;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.testing.WitherChecks;

class PrinterSettingsTest {
    @Test
    void eachWitherChangesOnlyItsOwnFields() {
        int width = PrinterSettings.LINE_WIDTH_80_MM;
        Duration status = Duration.ofSeconds(2);
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(20);
        WitherChecks.from(PrinterSettings.defaults())
                .check("withName", s -> s.withName("kitchen"), "name", "kitchen")
                .check("withLineWidth", s -> s.withLineWidth(width), "lineWidth", width)
                .check("withCodePage", s -> s.withCodePage(CodePage.WPC1252), "codePage", CodePage.WPC1252)
                .check("withQueueCapacity", s -> s.withQueueCapacity(5), "queueCapacity", 5)
                .check("withStatusTimeout", s -> s.withStatusTimeout(status), "statusTimeout", status)
                .check(
                        "withReconnect",
                        s -> s.withReconnect(initial, max),
                        "reconnectInitial",
                        initial,
                        "reconnectMax",
                        max)
                .assertAllWithers();
    }
}
