package org.loyaltyterminal.terminal.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.sync.wire.LookupRequest;
import org.loyaltyterminal.terminal.ledger.VisitBalance;
import org.loyaltyterminal.terminal.status.LookupFigures;

/** Which answer belongs to which question, on a monotonic clock the test moves. */
class MemberLookupsTest {
    private static final String CARD = "2412000000017";
    private static final long MILLI = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong(5_000 * MILLI);
    private final List<LookupRequest> sent = new ArrayList<>();
    private final AtomicBoolean linkUp = new AtomicBoolean(true);
    private MemberLookups lookups;

    @BeforeEach
    void build() {
        lookups = new MemberLookups(Duration.ofMillis(300), nanos::get);
        lookups.attach(request -> {
            if (!linkUp.get()) {
                return false;
            }
            sent.add(request);
            return true;
        });
    }

    @Test
    void anAnswerWithinTheBudgetBelongsToItsVisit() {
        assertEquals(VisitBalance.asked(300), lookups.ask(CARD, "visit-1"));
        assertEquals(CARD, sent.getFirst().card());
        nanos.addAndGet(42 * MILLI);
        MemberLookups.Claim claim = lookups.claim(sent.getFirst().request(), CARD);
        assertEquals(new MemberLookups.Claim.Answered("visit-1", 42), claim);
        assertInstanceOf(
                MemberLookups.Claim.NotAsked.class,
                lookups.claim(sent.getFirst().request(), CARD),
                "a question is answered once: the same answer again is not a question of ours");
        assertEquals(new LookupFigures(1, 1, 0, 0, 0), lookups.figures());
    }

    @Test
    void anAnswerAfterTheBudgetIsLateNotRefused() {
        lookups.ask(CARD, "visit-1");
        nanos.addAndGet(300 * MILLI);
        lookups.ask("2412000000024", "visit-2");
        nanos.addAndGet(1 * MILLI);
        assertEquals(
                new MemberLookups.Claim.Late(301),
                lookups.claim(sent.getFirst().request(), CARD),
                "one past the budget");
        assertEquals(
                new MemberLookups.Claim.Answered("visit-2", 1),
                lookups.claim(sent.get(1).request(), "2412000000024"));
        assertEquals(new LookupFigures(2, 1, 1, 1, 0), lookups.figures());
    }

    @Test
    void aQuestionNeverAnsweredCountsAsUnansweredOnceItsBudgetPassed() {
        lookups.ask(CARD, "visit-1");
        assertEquals(new LookupFigures(1, 0, 0, 0, 0), lookups.figures(), "still within its budget");
        nanos.addAndGet(301 * MILLI);
        assertEquals(new LookupFigures(1, 0, 1, 0, 0), lookups.figures());
    }

    @Test
    void anAnswerToNoQuestionOrNamingAnotherCardIsRefusedAndTheQuestionStaysOpen() {
        lookups.ask(CARD, "visit-1");
        MemberLookups.Claim.NotAsked unknown =
                assertInstanceOf(MemberLookups.Claim.NotAsked.class, lookups.claim(UUID.randomUUID(), CARD));
        assertFalse(unknown.why().contains(CARD), "no card number in the log line: " + unknown.why());
        MemberLookups.Claim.NotAsked otherCard = assertInstanceOf(
                MemberLookups.Claim.NotAsked.class,
                lookups.claim(sent.getFirst().request(), "2412000000024"));
        assertTrue(otherCard.why().contains("another card"), otherCard.why());
        assertEquals(
                new MemberLookups.Claim.Answered("visit-1", 0),
                lookups.claim(sent.getFirst().request(), CARD),
                "the true answer is still taken");

        lookups.ask(CARD, "visit-2");
        nanos.addAndGet(400 * MILLI);
        assertInstanceOf(
                MemberLookups.Claim.NotAsked.class,
                lookups.claim(sent.get(1).request(), "2412000000024"),
                "a late answer naming another card is refused too");
    }

    @Test
    void withTheLinkDownNothingIsAskedAndTheVisitSaysSo() {
        linkUp.set(false);
        assertEquals(VisitBalance.hqOffline(), lookups.ask(CARD, "visit-1"));
        assertTrue(sent.isEmpty());
        assertEquals(new LookupFigures(0, 0, 0, 0, 1), lookups.figures());
    }

    @Test
    void beforeTheLinkExistsOrWithABudgetOfZeroNothingIsAsked() {
        MemberLookups unattached = new MemberLookups(Duration.ofMillis(300), nanos::get);
        assertEquals(VisitBalance.hqOffline(), unattached.ask(CARD, "visit-1"));
        MemberLookups off = new MemberLookups(Duration.ZERO, nanos::get);
        off.attach(request -> {
            sent.add(request);
            return true;
        });
        assertEquals(VisitBalance.till(), off.ask(CARD, "visit-1"));
        assertTrue(sent.isEmpty());
        assertEquals(LookupFigures.none(), off.figures());
    }

    @Test
    void anAnswerArrivingBeforeTheQuestionIsHandedOverStillFindsIt() {
        MemberLookups racing = new MemberLookups(Duration.ofMillis(300), nanos::get);
        List<MemberLookups.Claim> claims = new ArrayList<>();
        // HQ answers so fast that the answer is claimed while the question is being handed to the link.
        racing.attach(request -> {
            claims.add(racing.claim(request.request(), request.card()));
            return true;
        });
        racing.ask(CARD, "visit-1");
        assertEquals(List.of(new MemberLookups.Claim.Answered("visit-1", 0)), claims);
    }
}
