package org.loyaltyterminal.hq.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.support.Cli;
import org.loyaltyterminal.hq.support.Listener;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.TerminalStatus;

class FleetTest {
    private final Json json = new Json();
    private final Instant at = Instant.parse("2026-03-01T10:00:00Z");

    private TerminalStatus status(String terminal, long session, long depth) {
        return new TerminalStatus(
                terminal,
                true,
                "connected",
                session,
                "boot-1",
                "loyalty-terminal 0.1.0",
                at,
                true,
                Map.of("campaigns", 42L),
                depth,
                Optional.of(90L),
                1200,
                0,
                Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void showsTheFleetAndIgnoresAStaleWill(TestBrokers.Kind kind, @TempDir Path dir) throws Exception {
        Topics t1 = new Topics("c1", "s1", "t1");
        Topics t2 = new Topics("c1", "s2", "t2");
        try (TestBroker broker = kind.start(dir);
                Listener terminals = new Listener(broker.url(), "terminals")) {
            terminals.publishRetained(t1.status(), status("t1", 5, 3).encode(json));
            terminals.publishRetained(t2.status(), status("t2", 2, 0).lastWill().encode(json));
            try (FleetWatch watch = new FleetWatch(BrokerAccess.plain(broker.url()), "fleet-test")) {
                Await.until("both retained statuses", Duration.ofSeconds(20), () -> {
                    try {
                        watch.pump(Duration.ofMillis(100), Duration.ofMillis(500));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return watch.view().rows().size() == 2;
                });
                // The will of t1's previous connection (session 4) arrives after its birth of session 5.
                terminals.publishRetained(
                        t1.status(), status("t1", 4, 9).lastWill().encode(json));
                Await.until("the stale will seen", Duration.ofSeconds(20), () -> {
                    try {
                        watch.pump(Duration.ofMillis(100), Duration.ofMillis(500));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return watch.view().ignoredStale() == 1;
                });
                FleetView.Row row1 = watch.view().rows().get(0);
                assertTrue(row1.status().online(), "t1 stays online with session 5: " + row1);
                assertEquals(5, row1.status().session());
                String table = watch.view().table(at.plusSeconds(30));
                assertTrue(table.contains("c1/s1/t1") && table.contains("online") && table.contains("90s"), table);
                assertTrue(table.contains("c1/s2/t2") && table.contains("offline (connection-lost)"), table);
                String t2Line = table.lines()
                        .filter(l -> l.startsWith("c1/s2/t2"))
                        .findFirst()
                        .orElseThrow();
                assertTrue(
                        t2Line.endsWith("link lost; connected 30s ago"),
                        "a will's time is its connect time, not the outage's, and the table says so: " + t2Line);
            }
            Cli once = Cli.run("fleet", "--broker", broker.url(), "--once").ok();
            assertTrue(once.out().contains("c1/s2/t2"), once.out());
        }
    }
}
