package org.loyaltyterminal.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.ledger.AwardCommit;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.ledger.VisitBalance;
import org.loyaltyterminal.terminal.testing.TillFiles;

/** {@code member show} prints the tier and the points expiring soon, from the bundle in force. */
class MemberShowTest {
    private static final String CARD = TillFiles.memberCard(1);

    @TempDir
    Path dir;

    @Test
    void showsTheTierAndThePointsExpiringSoon() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        TerminalConfig terminal = new ConfigLoader().load(config);
        Files.writeString(terminal.campaignsFile(), """
                {"format": 3, "version": 1, "products": [],
                 "campaigns": [{"id": "points", "type": "points", "pointsPerUnit": 1}],
                 "pointsExpiry": {"afterDays": 365},
                 "tiers": {"qualifyBy": "points", "windowDays": 365, "levels": [
                   {"id": "silver", "name": "Silver", "threshold": 0}]}}""");
        // earned 350 days ago (expires in 15 days) and 10 days ago; the member is silver
        Instant now = Instant.now();
        try (SqliteLoyaltyStore store =
                SqliteLoyaltyStore.open(terminal.databaseFile(), terminal.terminalId(), "test")) {
            EventTime old = new EventTime(now.minus(Duration.ofDays(350)), true, 1);
            EventTime recent = new EventTime(now.minus(Duration.ofDays(10)), true, 2);
            store.enrol(CARD, "v1", old);
            store.commit(new AwardCommit.VisitOpened(
                    CARD,
                    "v1",
                    List.of(new Award.TierChanged(
                            "none", "silver", new Award.Why("tier.upgrade", "none → silver: test", false))),
                    1,
                    old));
            store.commit(new AwardCommit.ReceiptCredit(
                    CARD,
                    "v1",
                    "R1",
                    List.of(new Award.PointsAwarded("points", 40)),
                    1,
                    old,
                    List.of(),
                    OptionalLong.empty()));
            store.commit(new AwardCommit.ReceiptCredit(
                    CARD,
                    "v2",
                    "R2",
                    List.of(new Award.PointsAwarded("points", 25)),
                    1,
                    recent,
                    List.of(),
                    OptionalLong.empty()));
        }

        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int exit = Main.commandLine()
                .setOut(writer)
                .setErr(writer)
                .execute("member", "show", "--config", config.toString(), CARD);

        assertEquals(0, exit, text.toString());
        assertTrue(text.toString().contains("points: 65"), text.toString());
        assertTrue(text.toString().contains("tier: Silver (silver)"), text.toString());
        assertTrue(text.toString().contains("expiring soon (next 30 days): 40 points"), text.toString());
    }

    @Test
    void showsTheRewardsWithinReachAndTheOneOfferedByPolicy() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        TerminalConfig terminal = new ConfigLoader().load(config);
        Files.writeString(terminal.campaignsFile(), """
                {"format": 3, "version": 1, "products": [],
                 "campaigns": [{"id": "points", "type": "points", "pointsPerUnit": 1}],
                 "rewards": [
                   {"id": "cake", "slot": 2, "text": "Slice of cake", "valueCents": 300, "validDays": 14,
                    "pointsCost": 150, "controlCode": "REWARD-CAKE"},
                   {"id": "lunch", "slot": 3, "text": "Lunch for two", "valueCents": 2400, "validDays": 30, "pointsCost": 1000},
                   {"id": "mug", "slot": 4, "text": "Mug", "valueCents": 500, "validDays": 30, "pointsCost": 100,
                    "spendsAllPoints": true}],
                 "rewardOffer": {"policy": "next", "takeCode": "TAKE-REWARD"}}""");
        EventTime time = new EventTime(Instant.now(), true, 1);
        try (SqliteLoyaltyStore store =
                SqliteLoyaltyStore.open(terminal.databaseFile(), terminal.terminalId(), "test")) {
            store.enrol(CARD, "v1", time);
            store.commit(new AwardCommit.ReceiptCredit(
                    CARD,
                    "v1",
                    "R1",
                    List.of(new Award.PointsAwarded("points", 160)),
                    1,
                    time,
                    List.of(),
                    OptionalLong.empty()));
        }

        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int exit = Main.commandLine()
                .setOut(writer)
                .setErr(writer)
                .execute("member", "show", "--config", config.toString(), CARD);

        assertEquals(0, exit, text.toString());
        String shown = text.toString();
        assertTrue(shown.contains("""
                               rewards within reach:
                                 cake: Slice of cake (150 points), scan REWARD-CAKE
                                 mug: Mug (all 160 points, at least 100)
                               """), shown);
        assertFalse(shown.contains("lunch"), "1000 points are out of reach: " + shown);
        assertTrue(shown.contains("offered by policy next: cake (scan TAKE-REWARD)"), shown);
    }

    @Test
    void eachVisitSaysWhichBalanceItUsed() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        TerminalConfig terminal = new ConfigLoader().load(config);
        Instant now = Instant.now();
        try (SqliteLoyaltyStore store =
                SqliteLoyaltyStore.open(terminal.databaseFile(), terminal.terminalId(), "test")) {
            EventTime first = new EventTime(now.minus(Duration.ofDays(3)), true, 1);
            store.enrol(CARD, "visit-a", first);
            store.commit(new AwardCommit.VisitOpened(CARD, "visit-a", List.of(), 1, first, VisitBalance.hqOffline()));
            EventTime second = new EventTime(now.minus(Duration.ofDays(2)), true, 2);
            store.commit(new AwardCommit.VisitOpened(CARD, "visit-b", List.of(), 1, second, VisitBalance.asked(300)));
            store.commit(new AwardCommit.ReceiptCredit(
                    CARD,
                    "visit-b",
                    "R1",
                    List.of(new Award.PointsAwarded("points", 5)),
                    1,
                    second,
                    List.of(),
                    OptionalLong.empty()));
            EventTime third = new EventTime(now.minus(Duration.ofDays(1)), true, 3);
            store.commit(new AwardCommit.VisitOpened(CARD, "visit-c", List.of(), 1, third, VisitBalance.asked(300)));
            new SqliteHqUpdates(store)
                    .applyLookupAnswer(
                            new HqMessage.MemberAccount(
                                    Target.terminal("demo-chain", "demo-store", terminal.terminalId()),
                                    7,
                                    third.wall(),
                                    UUID.randomUUID(),
                                    CARD,
                                    true,
                                    50,
                                    Map.of(),
                                    Map.of()),
                            "visit-c",
                            42,
                            third);
        }

        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int exit = Main.commandLine()
                .setOut(writer)
                .setErr(writer)
                .execute("member", "show", "--config", config.toString(), CARD);

        String shown = text.toString();
        assertEquals(0, exit, shown);
        assertTrue(shown.contains("points: 55"), "HQ's 50 and the 5 it has not counted: " + shown);
        assertTrue(shown.matches("(?s).*visit visit-a .*, balance: this till's \\(HQ offline\\)\n.*"), shown);
        assertTrue(
                shown.matches("(?s).*visit visit-b .*, balance: this till's \\(no answer within 300 ms\\)\n.*"), shown);
        assertTrue(
                shown.matches(
                        "(?s).*visit visit-c .*, balance: HQ \\(answered in 42 ms\\)\n.*HQ_BALANCE \\+50 points.*"),
                shown);
    }
}
