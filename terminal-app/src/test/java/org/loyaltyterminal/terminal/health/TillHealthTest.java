package org.loyaltyterminal.terminal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.terminal.ledger.StorageFault;

/** The health model on a fake clock: severities, the verdict, the headline and when each problem began. */
class TillHealthTest {
    private static final Instant T0 = Instant.parse("2025-11-24T09:30:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final Heartbeat housekeeping = new Heartbeat(ticker);
    private final AtomicReference<Optional<Duration>> scanBusy = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<StorageFault>> storage = new AtomicReference<>(Optional.empty());
    private final TillHealth health = new TillHealth(
            new Liveness(List.of(scanBusy::get), housekeeping, Duration.ofSeconds(10), Duration.ofSeconds(15)),
            storage::get,
            Duration.ofSeconds(60));

    @Test
    void nothingWrongIsWorkingNormally() {
        HealthReport report = health.report(T0, List.of());
        assertTrue(report.healthy());
        assertFalse(report.stuck());
        assertEquals("ok", report.verdict());
        assertEquals("Working normally", report.headline());
    }

    @Test
    void anUnpluggedScannerIsAFaultNotStuckAndTheWorstComesFirst() {
        Problem paper = new Problem(
                "printer", Severity.NOTICE, "the receipt paper is running low", "put in a new roll soon", T0);
        Problem scanner =
                new Problem("scanner", Severity.FAULT, "the barcode scanner is not connected", "plug it in", T0);
        HealthReport report = health.report(T0, List.of(paper, scanner));
        assertEquals(
                List.of("scanner", "printer"),
                report.problems().stream().map(Problem::component).toList());
        assertEquals("fault", report.verdict());
        assertFalse(report.stuck(), "a restart would not plug the scanner in");
        assertEquals("Not working fully: the barcode scanner is not connected (and 1 more)", report.headline());
        assertEquals(
                "Working; to look at: the receipt paper is running low",
                health.report(T0, List.of(paper)).headline());
    }

    @Test
    void aStuckScanOrHousekeepingIsStuckAndDatedFromWhenItBegan() {
        scanBusy.set(Optional.of(Duration.ofSeconds(12)));
        HealthReport report = health.report(T0, List.of());
        assertTrue(report.stuck());
        Problem scan = report.problems().getFirst();
        assertEquals("scan-loop", scan.component());
        assertEquals(T0.minusSeconds(12), scan.since());
        assertTrue(
                report.headline().startsWith("Stuck: the scan loop is stuck: one read in progress for 12 s"),
                report.headline());

        scanBusy.set(Optional.empty());
        nanos.addAndGet(Duration.ofSeconds(16).toNanos());
        Problem housekeepingStuck = health.report(T0, List.of()).problems().getFirst();
        assertEquals("housekeeping", housekeepingStuck.component());
        assertEquals(Severity.STUCK, housekeepingStuck.severity());
        housekeeping.beat();
        assertTrue(health.report(T0, List.of()).healthy(), "a beat clears it");
    }

    @Test
    void failingStorageIsAFaultFirstAndStuckOnceItLasts() {
        storage.set(Optional.of(new StorageFault("input/output errors", "check the SD card", T0, true)));
        HealthReport early = health.report(T0.plusSeconds(5), List.of());
        assertEquals(Severity.FAULT, early.problems().getFirst().severity());
        assertFalse(early.stuck(), "a passing I/O error is not worth a restart");
        assertEquals(T0, early.problems().getFirst().since());

        HealthReport later = health.report(T0.plusSeconds(61), List.of());
        assertTrue(later.stuck(), "storage failing for a minute stops the watchdog's pings");
        assertEquals(T0, later.problems().getFirst().since());
        assertTrue(
                later.problems().getFirst().what().contains("input/output errors"),
                later.problems().toString());

        storage.set(Optional.empty());
        assertTrue(health.report(T0.plusSeconds(62), List.of()).healthy());
    }

    @Test
    void aFullDiskStaysAFaultHoweverLongItLastsBecauseARestartCannotFreeSpace() {
        storage.set(Optional.of(new StorageFault("the disk is full", "free space on the data disk", T0, false)));
        HealthReport later = health.report(T0.plusSeconds(600), List.of());
        assertEquals(Severity.FAULT, later.problems().getFirst().severity());
        assertFalse(later.stuck(), "the watchdog keeps pinging: the store resumes by itself once space is freed");
        assertEquals("free space on the data disk", later.problems().getFirst().action());
    }

    @Test
    void aProblemWhoseSourceDoesNotKnowWhenItBeganKeepsTheFirstSighting() {
        Problem hqAt = new Problem("hq-link", Severity.NOTICE, "no connection to head office", "wait", T0);
        health.report(T0, List.of(hqAt));
        Problem later = health.report(T0.plusSeconds(30), List.of(hqAt.datedFrom(T0.plusSeconds(30))))
                .problems()
                .getFirst();
        assertEquals(T0, later.since(), "since holds while the problem lasts");

        health.report(T0.plusSeconds(31), List.of());
        Problem again = health.report(T0.plusSeconds(40), List.of(hqAt.datedFrom(T0.plusSeconds(40))))
                .problems()
                .getFirst();
        assertEquals(T0.plusSeconds(40), again.since(), "a problem that went away and came back starts again");
    }

    @Test
    void probedStorageIsFailingFromTheFirstFailedProbeUntilOneSucceeds() {
        AtomicReference<Instant> wall = new AtomicReference<>(T0);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ProbedStorage probed = new ProbedStorage(
                () -> {
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                },
                wall::get);
        assertEquals(Optional.empty(), probed.fault());
        failure.set(new IllegalStateException("disk I/O error"));
        assertEquals(T0, probed.fault().orElseThrow().since());
        wall.set(T0.plusSeconds(5));
        StorageFault fault = probed.fault().orElseThrow();
        assertEquals(T0, fault.since(), "still failing since the first failure");
        assertTrue(fault.problem().contains("disk I/O error"), fault.problem());
        failure.set(null);
        assertEquals(Optional.empty(), probed.fault());
    }
}
