package org.loyaltyterminal.terminal.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.device.gpio.Output;
import org.loyaltyterminal.device.gpio.RecordingIndicator;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LedgerKind;
import org.loyaltyterminal.terminal.visit.ScanOutcome;
import org.loyaltyterminal.terminal.visit.TillFeedback;

/** Outcomes to patterns, and the player's one-slot queue, on the recording fake; no sleeps. */
class FeedbackTest {
    private final Patterns patterns = Patterns.standard();
    private final OutcomePatterns mapping = new OutcomePatterns(patterns);

    @Test
    void eachOutcomeHasItsPatternOrSilence() {
        assertEquals(Optional.of(patterns.accepted()), mapping.of(new ScanOutcome.VisitContinued("v", "••••0011")));
        assertEquals(
                Optional.of(patterns.refused()),
                mapping.of(
                        new ScanOutcome.Refused(ScanOutcome.RefusalReason.NO_VISIT_OPEN, "scan a member card first")));
        assertEquals(Optional.empty(), mapping.of(new ScanOutcome.Repeated("EAN_13")), "a double read is silent");
        assertEquals(Optional.of(patterns.accepted()), mapping.of(item(LedgerKind.STAMPS)));
        assertEquals(
                Optional.of(patterns.rewardEarned()),
                mapping.of(item(LedgerKind.STAMPS, LedgerKind.STAMP_CARD_COMPLETED)),
                "a completed stamp card is a reward");
        assertEquals(
                Optional.of(patterns.accepted()), mapping.of(item()), "an item that earns nothing is still accepted");
        assertEquals(
                Optional.of(patterns.rewardEarned()),
                mapping.of(item(LedgerKind.STAMPS, LedgerKind.STAMP_CARD_COMPLETED, LedgerKind.VOUCHER_ISSUED)),
                "a card that issues a voucher is a reward");
        LedgerEntry redeemed = new LedgerEntry(
                7,
                "till-01",
                Optional.empty(),
                LedgerKind.VOUCHER_REDEEMED,
                Optional.of("free"),
                1,
                0,
                0,
                "12/5/2026-12-22",
                "",
                new EventTime(Instant.EPOCH, true, 0));
        assertEquals(
                Optional.of(patterns.voucherRedeemed()),
                mapping.of(new ScanOutcome.VoucherRedeemed("voucher 12/5", "Free coffee", 350, true, redeemed)),
                "redemption has its own pattern");
        assertEquals(
                Optional.of(patterns.refused()),
                mapping.of(new ScanOutcome.Refused(
                        ScanOutcome.RefusalReason.VOUCHER_ALREADY_REDEEMED, "already redeemed")),
                "a second redemption is refused");
    }

    @Test
    void thePatternsAreDistinct() {
        Set<List<Pattern.Step>> rhythms = Set.of(
                patterns.accepted().steps(),
                patterns.refused().steps(),
                patterns.rewardEarned().steps(),
                patterns.voucherRedeemed().steps());
        assertEquals(4, rhythms.size());
    }

    @Test
    void aNewerPatternReplacesAWaitingOneAndTheLedsReturnToSteady() throws Exception {
        RecordingIndicator indicator = new RecordingIndicator(EnumSet.allOf(Output.class), System::nanoTime);
        Semaphore steps = new Semaphore(0);
        CountDownLatch firstStepPlaying = new CountDownLatch(1);
        List<Duration> played = new ArrayList<>();
        PatternPlayer player = new PatternPlayer(indicator, length -> {
            synchronized (played) {
                played.add(length);
            }
            firstStepPlaying.countDown();
            try {
                return steps.tryAcquire(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        });
        player.steady(EnumSet.of(Output.READY_LED));
        player.start();
        player.offer(patterns.refused());
        assertTrue(firstStepPlaying.await(10, TimeUnit.SECONDS));
        player.offer(patterns.accepted()); // waits in the slot ...
        player.offer(patterns.rewardEarned()); // ... and is replaced by this one
        assertEquals(1, player.replaced());
        steps.release(patterns.refused().steps().size()
                + patterns.rewardEarned().steps().size());
        awaitLit(indicator, Set.of(Output.READY_LED));
        List<Duration> expected = new ArrayList<>();
        patterns.refused().steps().forEach(s -> expected.add(s.length()));
        patterns.rewardEarned().steps().forEach(s -> expected.add(s.length()));
        synchronized (played) {
            assertEquals(expected, played, "refused to its end, then the latest pattern; the replaced one never");
        }
        assertTrue(
                indicator.changes().stream().anyMatch(c -> c.output() == Output.FAULT_LED && c.on()),
                "refused lit the fault LED");
        player.close();
        assertTrue(indicator.closed());
    }

    @Test
    void aFailingIndicatorNeverReachesTheScanThread() throws Exception {
        RecordingIndicator indicator = new RecordingIndicator(EnumSet.allOf(Output.class), System::nanoTime);
        indicator.failing(true);
        PatternPlayer player = new PatternPlayer(indicator, length -> true);
        player.start();
        TillFeedback both = new BothFeedbacks(List.of(
                o -> {
                    throw new IllegalStateException("journal broke");
                },
                new IndicatorFeedback(patterns, player)));
        both.signal(new ScanOutcome.VisitContinued("v", "••••0011")); // neither throws
        indicator.failing(false);
        player.steady(EnumSet.of(Output.HQ_LED));
        awaitLit(indicator, Set.of(Output.HQ_LED));
        player.close();
    }

    private static void awaitLit(RecordingIndicator indicator, Set<Output> lit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!indicator.lit().equals(lit) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(lit, indicator.lit());
    }

    private static ScanOutcome item(LedgerKind... kinds) {
        List<LedgerEntry> entries = new ArrayList<>();
        long seq = 1;
        for (LedgerKind kind : kinds) {
            entries.add(new LedgerEntry(
                    seq++,
                    "till-01",
                    "2412000000011",
                    kind,
                    Optional.of("coffee"),
                    1,
                    1,
                    0,
                    "4000000000001",
                    "v",
                    new EventTime(Instant.EPOCH, true, 0)));
        }
        return new ScanOutcome.ItemRecorded(
                "v", "••••0011", "4000000000001", Optional.empty(), entries, MemberState.empty());
    }
}
