package org.loyaltyterminal.hq.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.store.FiguresQueries;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.store.PostgresAvailable;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;

/**
 * Whatever the events (any type, members and visits shared across tills and stores, times on and
 * around local midnights, some without a wall time, in zones with half- and quarter-hour
 * offsets), the figures the database computes equal {@link FiguresModel}'s recomputation in
 * Java: every total, member count, campaign, day and week, for a chain, a store, and in each
 * chain's summary.
 */
class FiguresPropertyTest {
    private static final List<Topics> TILLS = List.of(
            new Topics("c1", "s1", "t1"),
            new Topics("c1", "s1", "t2"),
            new Topics("c1", "s2", "t3"),
            new Topics("c2", "s1", "t4"));
    /** Whole hours with summer time, quarter and half hours, and a fixed +00:20 (one-minute slots). */
    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"),
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("America/St_Johns"),
            ZoneOffset.ofHoursMinutes(0, 20));
    /** Events fall within [BASE, BASE + 150 days); HQ receives everything at RECEIVED, inside that. */
    private static final Instant BASE = Instant.parse("2025-11-01T00:00:00Z");

    private static final Instant RECEIVED = Instant.parse("2026-01-15T08:00:00Z");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 11, 1);

    /** What one event of till {@code till} is. */
    record What(int till, String type, String member, String campaign, int points, int stamps, String visit) {}

    /** When: {@code quarter} quarter hours after BASE and {@code nudge} ms; or no wall time (HQ's receipt time). */
    record When(int quarter, int nudge, boolean hasWallTime, int offsetHalfHours) {
        Instant at() {
            return hasWallTime ? BASE.plusSeconds(900L * quarter).plusMillis(nudge) : RECEIVED;
        }
    }

    record Spec(What what, When when) {}

    /** Figures asked for: a scope (chain c1 or c2, maybe a store) and a period in a zone. */
    record Ask(int chain, Optional<String> store, int startDay, int days, int zone) {
        Scope scope() {
            return new Scope(chain == 0 ? "c1" : "c2", store);
        }

        ReportPeriod period() {
            return new ReportPeriod(FIRST_DAY.plusDays(startDay), FIRST_DAY.plusDays(startDay + days), ZONES.get(zone));
        }
    }

    record Scenario(List<Spec> events, List<Ask> asks) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<What> what = Combinators.combine(
                        Arbitraries.integers().between(0, TILLS.size() - 1),
                        Arbitraries.of(
                                        "POINTS",
                                        "POINTS",
                                        "STAMPS",
                                        "ENROLLED",
                                        "ENROLLED",
                                        "VOUCHER_ISSUED",
                                        "VOUCHER_REDEEMED",
                                        "HQ_BALANCE",
                                        "REFUND",
                                        "REFERRAL_BONUS",
                                        "ADJUSTMENT",
                                        "CARD_UNLINKED",
                                        "MEMBER_ERASED",
                                        "POINTS_EXPIRED",
                                        "TIER_CHANGED",
                                        "CARD_LINKED")
                                .injectNull(0.03),
                        Arbitraries.of("m-1", "m-2", "m-3", "m-4", "m-5").injectNull(0.1),
                        Arbitraries.of("coffee", "bake").injectNull(0.5),
                        Arbitraries.integers().between(-30, 60),
                        Arbitraries.integers().between(-3, 5),
                        Arbitraries.of("v-1", "v-2", "v-3", "v-4", "v-5", "v-6", "", "manual")
                                .injectNull(0.1))
                .as(What::new);
        Arbitrary<When> when = Combinators.combine(
                        Arbitraries.integers().between(0, 150 * 96 - 1),
                        Arbitraries.of(0, 0, 0, 1, -1, 37),
                        Arbitraries.of(true, true, true, true, true, true, true, true, true, false),
                        Arbitraries.integers().between(-7, 11))
                .as(When::new);
        Arbitrary<Spec> spec = Combinators.combine(what, when).as(Spec::new);
        Arbitrary<Ask> ask = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.of("s1", "s2").optional(0.5),
                        Arbitraries.integers().between(0, 140),
                        Arbitraries.integers().between(1, 45),
                        Arbitraries.integers().between(0, ZONES.size() - 1))
                .as(Ask::new);
        return Combinators.combine(
                        spec.list().ofMinSize(1).ofMaxSize(120),
                        ask.list().ofMinSize(1).ofMaxSize(3))
                .as(Scenario::new);
    }

    @Property(tries = 60)
    void onSqlite(@ForAll("scenarios") Scenario scenario) {
        check(TestDatabases.Kind.SQLITE, scenario);
    }

    /** Fewer tries: each makes a PostgreSQL database of its own. */
    @Property(tries = 12)
    @AddLifecycleHook(PostgresAvailable.class)
    void onPostgresql(@ForAll("scenarios") Scenario scenario) {
        check(TestDatabases.Kind.POSTGRESQL, scenario);
    }

    private void check(TestDatabases.Kind kind, Scenario scenario) {
        List<List<Till.Event>> perTill = new ArrayList<>();
        TILLS.forEach(t -> perTill.add(new ArrayList<>()));
        List<FiguresModel.Stored> stored = new ArrayList<>();
        for (Spec spec : scenario.events()) {
            What s = spec.what();
            Topics where = TILLS.get(s.till());
            perTill.get(s.till())
                    .add(new Till.Event(
                            s.type(),
                            s.member(),
                            s.campaign(),
                            s.points(),
                            s.stamps(),
                            s.visit(),
                            spec.when().hasWallTime() ? spec.when().at() : null,
                            ZoneOffset.ofTotalSeconds(1800 * spec.when().offsetHalfHours())));
            stored.add(new FiguresModel.Stored(
                    where.chain(),
                    where.store(),
                    where.terminal(),
                    s.type(),
                    s.member(),
                    s.campaign(),
                    s.points(),
                    s.stamps(),
                    s.visit(),
                    spec.when().at()));
        }
        List<EventStore.Received> batches = new ArrayList<>();
        for (int i = 0; i < TILLS.size(); i++) {
            if (!perTill.get(i).isEmpty()) {
                batches.add(new Till(TILLS.get(i), perTill.get(i)).all());
            }
        }
        FiguresModel model = new FiguresModel(stored);
        Path dir = tempDir();
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(InstantSource.fixed(RECEIVED))) {
            store.storeAll(batches.reversed());
            store.storeAll(batches); // again: duplicates change nothing
            FiguresQueries figures = new FiguresQueries(store.database());
            for (Ask ask : scenario.asks()) {
                Scope scope = ask.scope();
                ReportPeriod period = ask.period();
                assertEquals(model.figures(scope, period), figures.figures(scope, period), scope + " " + period);
                ChainSummary summary = figures.summary(scope.chain(), period);
                assertEquals(model.summary(Scope.chain(scope.chain()), period), summary.whole(), "chain summary");
                ChainFlows flows = figures.flows(scope.chain(), period);
                assertEquals(summary.whole().flows(), flows.whole(), "chain flows");
                assertEquals(summary.stores().keySet(), flows.stores().keySet());
                assertEquals(
                        stored.stream()
                                .filter(e -> e.chain().equals(scope.chain()))
                                .map(FiguresModel.Stored::store)
                                .collect(Collectors.toCollection(TreeSet::new)),
                        summary.stores().keySet(),
                        "every store with a till that sent events, none other");
                for (String storeId : summary.stores().keySet()) {
                    assertEquals(
                            summary.stores().get(storeId).flows(),
                            flows.stores().get(storeId));
                    assertEquals(
                            model.summary(Scope.store(scope.chain(), storeId), period),
                            summary.stores().get(storeId),
                            "store " + storeId + " in the summary");
                }
            }
        } finally {
            delete(dir);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("hq-figures-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
