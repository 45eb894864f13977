package org.loyaltyterminal.hq.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loyaltyterminal.hq.figures.Till.event;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.store.FiguresQueries;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;

/**
 * The figures of a hand-made fortnight at chain "acme", in Berlin time, on a SQLite file and on
 * PostgreSQL. Every expected number is counted from the story below, not from the code.
 *
 * <p>The period is Monday 2 March 2026 to Sunday 15 March (to = 16 March); the period before it
 * is 16 February to 1 March; the 30 days for active members start on 14 February, the 90 days on
 * 16 December 2025. Store s1 has tills t1 and t2, store s2 has t3, store s3 has t4 (nothing
 * recent). Chain "zeta" is another programme.
 */
class FiguresQueriesTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ReportPeriod FORTNIGHT = new ReportPeriod(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 16), BERLIN);
    /** When HQ stores the batches: the received time of emil's event that carries no wall time. */
    static final Instant STORED_AT = Instant.parse("2026-03-13T12:00:00Z");

    private static final String KINDS = "org.loyaltyterminal.hq.support.TestDatabases#kinds";

    static Instant berlin(String localTime) {
        return LocalDateTime.parse(localTime).atZone(BERLIN).toInstant();
    }

    static final Till T1 = new Till(
            new Topics("acme", "s1", "t1"),
            List.of(
                    event("POINTS", "fred", null, 2, 0, "v-f0", berlin("2025-12-01T10:00")), // before the 90 days
                    event("POINTS", "gus", null, 1, 0, "v-g0", berlin("2025-12-20T10:00")), // within 90, not 30
                    event("POINTS", "hugo", null, 2, 0, "v-h0", berlin("2026-02-18T10:00")), // previous period only
                    event("ENROLLED", "anna", null, 0, 0, "v-a0", berlin("2026-02-20T10:00")),
                    event("POINTS", "anna", null, 10, 0, "v-a0", berlin("2026-02-20T10:00")),
                    event("POINTS", "bob", null, 5, 0, "v-b0", berlin("2026-02-25T10:00")),
                    // the period
                    event("POINTS", "anna", null, 20, 0, "v-a1", berlin("2026-03-02T09:00")),
                    event("ADJUSTMENT", "fred", null, 30, 0, "manual", berlin("2026-03-06T15:00")), // no visit
                    // dora's first visit: 00:30 in Berlin is still 9 March in UTC
                    event("ENROLLED", "dora", null, 0, 0, "v-d1", berlin("2026-03-10T00:30")),
                    event("POINTS", "dora", "double", 8, 0, "v-d1", berlin("2026-03-10T00:30")),
                    event("REFERRAL_BONUS", "dora", null, 50, 0, "v-d1", berlin("2026-03-10T00:30")),
                    // the referrer's bonus carries dora's visit: not a visit of anna's
                    event("REFERRAL_BONUS", "anna", null, 50, 0, "v-d1", berlin("2026-03-10T00:30")),
                    event("VOUCHER_REDEEMED", null, null, 0, 0, "", berlin("2026-03-11T10:00")))); // a bearer voucher

    static final Till T2 = new Till(
            new Topics("acme", "s1", "t2"),
            List.of(
                    // HQ's balance taken over and a card linked, at bob's visit
                    event("HQ_BALANCE", "bob", null, 100, 0, "v-b2", berlin("2026-03-05T11:00")),
                    event("CARD_LINKED", "bob", null, 0, 0, "v-b2", berlin("2026-03-05T11:00")),
                    event("POINTS", "anna", null, 15, 0, "v-a2", berlin("2026-03-09T18:00")),
                    event("VOUCHER_ISSUED", "anna", "rewards", -25, 0, "v-a2", berlin("2026-03-09T18:00"))));

    static final Till T3 = new Till(
            new Topics("acme", "s2", "t3"),
            List.of(
                    event("ENROLLED", "carl", null, 0, 0, "v-c00", berlin("2026-01-05T10:00")),
                    event("ENROLLED", "bob", null, 0, 0, "v-b00", berlin("2026-01-10T12:00")),
                    event("POINTS", "bob", null, 3, 0, "v-b00", berlin("2026-01-10T12:00")),
                    event("POINTS", "carl", null, 4, 0, "v-c0", berlin("2026-02-28T23:30")),
                    // the period: its first instant is in, its end is out
                    event("POINTS", "carl", null, 1, 0, "v-c1", berlin("2026-03-02T00:00")),
                    event("STAMPS", "bob", "coffee", 0, 2, "v-b1", berlin("2026-03-03T12:00")),
                    event("REFUND", "bob", "coffee", 0, -1, "v-b1", berlin("2026-03-04T10:00")), // the sale's visit
                    event("ENROLLED", "dora", null, 0, 0, "v-d2", berlin("2026-03-12T17:00")), // t3 did not know her
                    event("POINTS", "dora", null, 6, 0, "v-d2", berlin("2026-03-12T17:00")),
                    event("POINTS", "emil", null, 7, 0, "v-e0", null), // no wall time: received on 13 March
                    event("ENROLLED", "emil", null, 0, 0, "v-e1", berlin("2026-03-14T16:00")),
                    event("STAMPS", "emil", "coffee", 0, 1, "v-e1", berlin("2026-03-14T16:00")),
                    event("VOUCHER_REDEEMED", "emil", "free-coffee", 0, 0, "v-e1", berlin("2026-03-14T16:05")),
                    event("POINTS", "carl", null, 9, 0, "v-c9", berlin("2026-03-16T00:00")))); // after the period

    static final Till T4 = new Till(
            new Topics("acme", "s3", "t4"),
            List.of(event("POINTS", "ivan", null, 5, 0, "v-i0", berlin("2025-11-20T10:00"))));

    static final Till T9 = new Till(
            new Topics("zeta", "z1", "t9"),
            List.of(
                    event("ENROLLED", "anna", null, 0, 0, "v-z1", berlin("2026-03-03T10:00")),
                    event("POINTS", "anna", null, 1000, 0, "v-z1", berlin("2026-03-03T10:00"))));

    /** Stores the story: t3's second half first (beyond a gap until its first half comes), zeta, then the rest. */
    static void store(JdbcEventStore store) {
        store.storeAll(List.of(T3.batch(8, 14), T9.all()));
        store.storeAll(List.of(T1.all(), T2.all(), T3.batch(1, 7), T4.all()));
    }

    private static Flows flows(long visits, long enrolments, long issued, long redeemed, long vIssued, long vRedeemed) {
        return new Flows(visits, enrolments, issued, redeemed, vIssued, vRedeemed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void aChainsFortnight(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(InstantSource.fixed(STORED_AT))) {
            store(store);
            Figures acme = new FiguresQueries(store.database()).figures(Scope.chain("acme"), FORTNIGHT);

            // visits: carl v-c1, anna v-a1 and v-a2, bob v-b1 and v-b2 (the card linked), dora v-d1 and
            // v-d2, emil v-e0 and v-e1; fred's adjustment and the refund are no visits.
            // enrolments: dora (10 March; her second at t3 is not her first) and emil.
            // points: 1 + 20 + 30 + 15 + 8 + 50 + 50 + 6 + 7 = 187 (bob's HQ_BALANCE 100 is not issued);
            // 25 spent on anna's voucher; one voucher issued, two redeemed (the bearer's and emil's).
            assertEquals(flows(9, 2, 187, 25, 1, 2), acme.summary().flows());
            // visited: carl, anna, bob, dora, emil; twice: all but carl. Before: hugo, anna, bob, carl;
            // back: all but hugo. 30 days: those six; 90 days: gus too (fred was before, ivan too).
            assertEquals(new Members(6, 7, 5, 4, 4, 3), acme.summary().members());
            assertEquals(0.8, acme.summary().members().repeatRate().getAsDouble(), 1e-9);
            assertEquals(0.75, acme.summary().members().retention().getAsDouble(), 1e-9);
            assertEquals(0.25, acme.summary().members().churn().getAsDouble(), 1e-9);

            assertEquals(
                    List.of(
                            new CampaignFigures("", 179, 0, 0, 0),
                            new CampaignFigures("coffee", 0, 0, 3, 0), // 2 + 1; the refund's -1 is not issued
                            new CampaignFigures("double", 8, 0, 0, 0),
                            new CampaignFigures("rewards", 0, 25, 0, 1)),
                    acme.campaigns(),
                    "free-coffee (a redeemed voucher's reward) has nothing issued and is left out");

            assertEquals(
                    List.of(
                            flows(2, 0, 21, 0, 0, 0), // 2 March: carl at midnight, anna
                            flows(1, 0, 0, 0, 0, 0), // bob
                            Flows.ZERO, // the refund
                            flows(1, 0, 0, 0, 0, 0), // bob's linked card
                            flows(0, 0, 30, 0, 0, 0), // fred's adjustment
                            Flows.ZERO,
                            Flows.ZERO,
                            flows(1, 0, 15, 25, 1, 0), // 9 March: anna's voucher
                            flows(1, 1, 108, 0, 0, 0), // 10 March in Berlin: dora, and both referral bonuses
                            flows(0, 0, 0, 0, 0, 1), // the bearer voucher
                            flows(1, 0, 6, 0, 0, 0), // dora at s2
                            flows(1, 0, 7, 0, 0, 0), // emil, by HQ's receipt time
                            flows(1, 1, 0, 0, 0, 1), // emil enrols
                            Flows.ZERO),
                    acme.days().stream().map(SeriesPoint::flows).toList());
            assertEquals(LocalDate.of(2026, 3, 2), acme.days().getFirst().start());
            assertEquals(LocalDate.of(2026, 3, 16), acme.days().getLast().end());
            assertEquals(
                    List.of(
                            new SeriesPoint(
                                    LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 9), flows(4, 0, 51, 0, 0, 0)),
                            new SeriesPoint(
                                    LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 16), flows(5, 2, 136, 25, 1, 2))),
                    acme.weeks());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(KINDS)
    void eachStoreAndTheChainSummary(TestDatabases.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(InstantSource.fixed(STORED_AT))) {
            store(store);
            FiguresQueries figures = new FiguresQueries(store.database());
            // s1: visits v-a1, v-b2, v-a2, v-d1; dora enrolled; 20 + 30 + 15 + 8 + 50 + 50 points; the
            // bearer voucher. Visited: anna (twice), bob, dora; before: anna, bob, hugo, and anna and
            // bob came back. 30 days: anna, bob, hugo, dora; 90 days: gus too.
            Summary s1 = new Summary(flows(4, 1, 173, 25, 1, 1), new Members(4, 5, 3, 1, 3, 2));
            // s2: visits v-c1, v-b1, v-d2, v-e0, v-e1; emil enrolled (dora's enrolment here was not
            // her first); 1 + 6 + 7 points; emil's voucher. Visited: carl, bob, dora, emil (twice);
            // before: carl, who came back. 30 and 90 days: carl, bob, dora, emil.
            Summary s2 = new Summary(flows(5, 1, 14, 0, 0, 1), new Members(4, 4, 4, 1, 1, 1));
            assertEquals(
                    s1, figures.figures(Scope.store("acme", "s1"), FORTNIGHT).summary());
            assertEquals(
                    s2, figures.figures(Scope.store("acme", "s2"), FORTNIGHT).summary());

            ChainSummary summary = figures.summary("acme", FORTNIGHT);
            assertEquals(
                    figures.figures(Scope.chain("acme"), FORTNIGHT).summary(),
                    summary.whole(),
                    "the chain's summary equals its figures' summary");
            assertEquals(
                    Map.of("s1", s1, "s2", s2, "s3", Summary.NONE),
                    summary.stores(),
                    "s3 has a till but nothing in these windows");
            ChainFlows flows = figures.flows("acme", FORTNIGHT);
            assertEquals(summary.whole().flows(), flows.whole());
            assertEquals(Map.of("s1", s1.flows(), "s2", s2.flows(), "s3", Flows.ZERO), flows.stores());

            Summary zeta = new Summary(flows(1, 1, 1000, 0, 0, 0), new Members(1, 1, 1, 0, 0, 0));
            assertEquals(zeta, figures.summary("zeta", FORTNIGHT).whole(), "anna's first enrolment in zeta");
            assertEquals(List.of("acme", "zeta"), figures.chains());
            assertEquals(
                    new Summary(Flows.ZERO, Members.NONE),
                    figures.summary("nobody", FORTNIGHT).whole(),
                    "a chain HQ never heard from has zeros");
        }
    }

    /** The days are local: the same events in UTC put dora's first visit on 9 March. */
    @Test
    void localDaysFollowTheZone(@TempDir Path dir) {
        try (TestDatabase db = TestDatabases.Kind.SQLITE.create(dir);
                JdbcEventStore store = db.open(InstantSource.fixed(STORED_AT))) {
            store(store);
            ReportPeriod utc = new ReportPeriod(FORTNIGHT.from(), FORTNIGHT.to(), ZoneId.of("UTC"));
            Figures acme = new FiguresQueries(store.database()).figures(Scope.chain("acme"), utc);
            // In UTC, carl's midnight visit (23:00 UTC on 1 March) is before the period, and his
            // visit at midnight on 16 March Berlin time (23:00 UTC on 15 March) is in it.
            assertEquals(flows(2, 1, 123, 25, 1, 0), acme.days().get(7).flows(), "9 March: anna and dora");
            assertEquals(flows(1, 0, 9, 0, 0, 0), acme.days().get(13).flows(), "15 March: carl at 23:00 UTC");
            assertEquals(9, acme.summary().flows().visits(), "carl's first visit out, his last one in");
        }
    }

    @Test
    void aBadScopeOrPeriodIsRefusedBeforeAnyQuery() {
        assertThrows(FiguresRequestException.class, () -> Scope.chain("a b"));
        assertThrows(FiguresRequestException.class, () -> Scope.store("acme", "../etc"));
        assertThrows(FiguresRequestException.class, () -> Scope.chain(""));
        assertThrows(
                FiguresRequestException.class,
                () -> new ReportPeriod(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2), BERLIN));
        assertThrows(
                FiguresRequestException.class,
                () -> new ReportPeriod(LocalDate.of(2020, 1, 1), LocalDate.of(2023, 1, 2), BERLIN),
                "three years and a day");
        assertThrows(
                FiguresRequestException.class,
                () -> new ReportPeriod(LocalDate.of(1999, 12, 31), LocalDate.of(2000, 1, 2), BERLIN));
    }
}
