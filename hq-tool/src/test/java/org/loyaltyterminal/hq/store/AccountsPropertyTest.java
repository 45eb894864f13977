package org.loyaltyterminal.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.loyaltyterminal.hq.ingest.BatchOutcome;
import org.loyaltyterminal.hq.ingest.EventStore;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.hq.store.Ledger.Spec;
import org.loyaltyterminal.hq.store.Ledger.Terminal;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;

/**
 * Whatever order batches arrive in (duplicates, overlaps, gaps filled later or never, several
 * batches per transaction), the accounts the store maintains equal a recomputation from the
 * events (done here from the events alone), and equal what {@code rebuildAccounts()} makes.
 */
class AccountsPropertyTest {
    private static final List<Topics> WHERE = List.of(
            new Topics("c1", "s1", "t1"),
            new Topics("c1", "s2", "t2"),
            new Topics("c2", "s1", "t3"),
            new Topics("c1", "s1", "t4"));
    private final InstantSource wall = InstantSource.fixed(Instant.parse("2026-03-05T12:00:00Z"));

    /** A batch of terminal {@code terminal % n}, from {@code first} (wrapped into 1..size) for {@code length} events. */
    record Range(int terminal, int first, int length) {}

    /**
     * @param fill   after the random ranges, send every terminal's events again in chunks, last
     *     chunk first: every gap is filled in the end; without it, gaps may stay
     * @param groups how many batches each storeAll takes, used in turn
     */
    record Scenario(List<List<Spec>> events, List<Range> ranges, boolean fill, int chunk, List<Integer> groups) {
        List<Terminal> terminals() {
            List<Terminal> terminals = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                terminals.add(new Terminal(WHERE.get(i), events.get(i)));
            }
            return terminals;
        }

        /** (terminal index, first, last) in the order they are sent. */
        List<long[]> deliveries() {
            List<long[]> out = new ArrayList<>();
            for (Range range : ranges) {
                int t = range.terminal() % events.size();
                int size = events.get(t).size();
                long first = 1L + (range.first() - 1) % size;
                out.add(new long[] {t, first, Math.min(size, first + range.length() - 1)});
            }
            if (fill) {
                int longest = events.stream().mapToInt(List::size).max().orElse(0);
                for (int start = ((longest - 1) / chunk) * chunk + 1; start >= 1; start -= chunk) {
                    for (int t = 0; t < events.size(); t++) {
                        int size = events.get(t).size();
                        if (start <= size) {
                            out.add(new long[] {t, start, Math.min(size, start + chunk - 1)});
                        }
                    }
                }
            }
            return out;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Spec> spec = Combinators.combine(
                        Arbitraries.of("POINTS", "POINTS", "STAMPS", "HQ_BALANCE", "VOUCHER_REDEEMED"),
                        Arbitraries.of("m-1", "m-2", "m-3").injectNull(0.15),
                        Arbitraries.of("coffee", "bake").injectNull(0.4),
                        Arbitraries.integers().between(-20, 50),
                        Arbitraries.integers().between(-3, 5),
                        Arbitraries.integers().between(0, 2000),
                        Arbitraries.of("V-1", "V-2", "V-3"))
                .as(Spec::new);
        Arbitrary<Range> range = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(1, 25),
                        Arbitraries.integers().between(1, 8))
                .as(Range::new);
        return Combinators.combine(
                        spec.list()
                                .ofMinSize(1)
                                .ofMaxSize(20)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(WHERE.size()),
                        range.list().ofMaxSize(25),
                        Arbitraries.of(true, true, true, false),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(6))
                .as(Scenario::new);
    }

    @Property(tries = 200)
    void onSqlite(@ForAll("scenarios") Scenario scenario) {
        check(TestDatabases.Kind.SQLITE, scenario);
    }

    /** Fewer tries: each makes a PostgreSQL database of its own. */
    @Property(tries = 20)
    @AddLifecycleHook(PostgresAvailable.class)
    void onPostgresql(@ForAll("scenarios") Scenario scenario) {
        check(TestDatabases.Kind.POSTGRESQL, scenario);
    }

    private void check(TestDatabases.Kind kind, Scenario scenario) {
        Path dir = tempDir();
        try (TestDatabase db = kind.create(dir);
                JdbcEventStore store = db.open(wall)) {
            List<Terminal> terminals = scenario.terminals();
            List<long[]> deliveries = scenario.deliveries();
            List<BatchOutcome> outcomes = new ArrayList<>();
            Map<String, Set<Long>> stored = new TreeMap<>();
            int sent = 0;
            for (int next = 0, group = 0; next < deliveries.size(); group++) {
                int size = scenario.groups().get(group % scenario.groups().size());
                List<EventStore.Received> batches = new ArrayList<>();
                for (long[] d : deliveries.subList(next, Math.min(deliveries.size(), next + size))) {
                    Terminal terminal = terminals.get((int) d[0]);
                    batches.add(Ledger.received(terminal, d[1], d[2]));
                    for (long seq = d[1]; seq <= d[2]; seq++) {
                        stored.computeIfAbsent(terminal.name(), t -> new TreeSet<>())
                                .add(seq);
                        sent++;
                    }
                }
                next += batches.size();
                outcomes.addAll(store.storeAll(batches));
            }
            Map<String, Long> contiguous = new TreeMap<>();
            stored.forEach((terminal, seqs) -> contiguous.put(terminal, Ledger.contiguous(seqs)));
            Map<String, List<Long>> accounts = Ledger.expectedAccounts(terminals, contiguous);
            Map<String, String> stores = Ledger.expectedStores(terminals, contiguous);
            int distinct = stored.values().stream().mapToInt(Set::size).sum();

            assertEquals(contiguous, store.contiguousByTerminal());
            assertEquals(
                    distinct, outcomes.stream().mapToInt(BatchOutcome::stored).sum(), "each event stored once");
            assertEquals(
                    sent - distinct,
                    outcomes.stream().mapToInt(BatchOutcome::duplicates).sum());
            assertEquals(accounts, Ledger.accountsTable(store.database()), "accounts == recomputed from the events");
            assertEquals(stores, Ledger.storesTable(store.database()), "member_stores == recomputed");
            assertEquals(
                    members(accounts),
                    outcomes.stream()
                            .flatMap(o -> o.membersCounted().stream())
                            .collect(TreeSet::new, Set::add, Set::addAll),
                    "every member whose account exists was reported counted, no other");
            assertEquals(balances(accounts), balances(store));
            int expectedConflicts = Ledger.redemptions(terminals, stored).values().stream()
                    .mapToInt(n -> n - 1)
                    .sum();
            assertEquals(expectedConflicts, store.conflicts().size());
            assertEquals(
                    Ledger.redemptions(terminals, stored).size(),
                    outcomes.stream().mapToInt(o -> o.newRedemptions().size()).sum(),
                    "one first redemption per chain and reference");

            AccountsRebuilt rebuilt = store.rebuild();
            assertEquals(0, rebuilt.corrected(), rebuilt.toString());
            assertEquals(accounts, Ledger.accountsTable(store.database()), "rebuildAccounts() == maintained");
            assertEquals(stores, Ledger.storesTable(store.database()));
        } finally {
            delete(dir);
        }
    }

    private static Set<String> members(Map<String, List<Long>> accounts) {
        Set<String> members = new TreeSet<>();
        accounts.keySet().forEach(key -> members.add(key.substring(0, key.indexOf('|'))));
        return members;
    }

    /** "member: points {campaign=stamps}" with the store's clamping: never below zero, zero-stamp campaigns left out. */
    private static List<String> balances(Map<String, List<Long>> accounts) {
        Map<String, Long> points = new TreeMap<>();
        Map<String, Map<String, Long>> stamps = new TreeMap<>();
        accounts.forEach((key, sums) -> {
            String member = key.substring(0, key.indexOf('|'));
            String campaign = key.substring(key.indexOf('|') + 1);
            points.merge(member, sums.get(0), Long::sum);
            if (!campaign.isEmpty() && sums.get(1) != 0) {
                stamps.computeIfAbsent(member, m -> new TreeMap<>()).put(campaign, Math.max(0, sums.get(1)));
            }
        });
        List<String> result = new ArrayList<>();
        points.forEach((member, sum) ->
                result.add(member + ": " + Math.max(0, sum) + " " + stamps.getOrDefault(member, Map.of())));
        return result;
    }

    private static List<String> balances(EventStore store) {
        List<String> result = new ArrayList<>();
        for (MemberAccount b : store.balances()) {
            Map<String, Long> stamps = new TreeMap<>();
            b.stamps().forEach((campaign, n) -> stamps.put(campaign, (long) n));
            result.add(b.member() + ": " + b.points() + " " + stamps);
        }
        return result;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("hq-accounts-");
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
