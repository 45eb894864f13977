package org.loyaltyterminal.hq.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 14);

    @Test
    void withoutDatesTheThirtyDaysEndingToday() {
        assertEquals(
                new ReportPeriod(LocalDate.of(2026, 2, 13), LocalDate.of(2026, 3, 15), BERLIN),
                ReportPeriod.of(Optional.empty(), Optional.empty(), TODAY, BERLIN));
        assertEquals(
                new ReportPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), BERLIN),
                ReportPeriod.of(Optional.of(LocalDate.of(2026, 1, 1)), Optional.empty(), TODAY, BERLIN));
        assertEquals(
                new ReportPeriod(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 2, 1), BERLIN),
                ReportPeriod.of(Optional.empty(), Optional.of(LocalDate.of(2026, 2, 1)), TODAY, BERLIN));
        assertEquals(
                ReportPeriod.of(Optional.empty(), Optional.empty(), TODAY, BERLIN),
                ReportPeriod.lastDays(30, TODAY, BERLIN));
    }

    @Test
    void localDaysFollowSummerTime() {
        // 29 March 2026 lasts 23 hours in Berlin.
        ReportPeriod period = new ReportPeriod(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30), BERLIN);
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), period.start());
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), period.end());
        assertEquals(Instant.parse("2026-03-27T23:00:00Z"), period.previousStart());
        assertEquals(Instant.parse("2026-02-27T23:00:00Z"), period.windowStart(30));
    }

    @Test
    void slotsAreQuarterHoursUnlessAnOffsetIsNot() {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 12, 31);
        assertEquals(15, new ReportPeriod(from, to, BERLIN).slotMinutes());
        assertEquals(15, new ReportPeriod(from, to, ZoneId.of("Asia/Kathmandu")).slotMinutes());
        assertEquals(15, new ReportPeriod(from, to, ZoneId.of("Australia/Eucla")).slotMinutes());
        assertEquals(1, new ReportPeriod(from, to, ZoneOffset.ofHoursMinutes(0, 20)).slotMinutes());
        assertThrows(
                FiguresRequestException.class,
                () -> new ReportPeriod(from, to, ZoneOffset.ofHoursMinutesSeconds(0, 20, 30)));
    }

    @Test
    void datesAndZonesAreReadOrRefusedInPlainWords() {
        assertEquals(LocalDate.of(2026, 3, 1), ReportPeriod.date("--from", "2026-03-01"));
        assertEquals(
                "--from must be a date like 2026-03-01",
                assertThrows(FiguresRequestException.class, () -> ReportPeriod.date("--from", "1.3.2026"))
                        .getMessage());
        assertEquals(BERLIN, ReportPeriod.zone("--zone", "Europe/Berlin"));
        assertEquals(
                "--zone must be a time zone like Europe/Berlin or UTC",
                assertThrows(FiguresRequestException.class, () -> ReportPeriod.zone("--zone", "Mars/Olympus"))
                        .getMessage());
    }
}
