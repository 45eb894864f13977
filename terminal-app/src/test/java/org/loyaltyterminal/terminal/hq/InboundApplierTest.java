package org.loyaltyterminal.terminal.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.Refusal;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;

/** A campaign bundle from HQ replaces the rules only when valid, newer and stored; otherwise nothing changes. */
class InboundApplierTest {
    private static final String FILE_BUNDLE = """
            {"format": 2, "version": 3, "campaigns": [
              {"id": "points", "type": "points", "pointsPerUnit": 1, "unitCents": 100, "rounding": "down"}]}""";

    @TempDir
    Path dir;

    private static String bundle(long version) {
        return FILE_BUNDLE
                .replace("\"version\": 3", "\"version\": " + version)
                .replace("\"points\", \"type\"", "\"points-v" + version + "\", \"type\"");
    }

    @Test
    void aValidNewerBundleReplacesTheRulesAndSurvivesARestart() throws IOException {
        TerminalConfig config = config();
        CampaignFileLoader loader = new CampaignFileLoader();
        CampaignBundle fromFile = loader.parse(FILE_BUNDLE, "file");
        try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(config.databaseFile(), "till-01", "boot")) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            RulesInForce rules = RulesInForce.choose(fromFile, updates.campaignsInForce(), loader);
            InboundApplier applier = new InboundApplier(
                    updates, rules, loader, config, clock(config), new MemberLookups(Duration.ZERO, System::nanoTime));

            InboundResult applied = applier.apply(message(7, bundle(7)));
            assertInstanceOf(InboundResult.Applied.class, applied);
            assertEquals(7, rules.get().version());
            assertEquals("points-v7", rules.get().campaigns().getFirst().id());

            CampaignBundle before = rules.get();
            assertRefused(applier.apply(message(6, bundle(6))), Refusal.NOT_NEWER);
            assertRefused(
                    applier.apply(message(8, "{\"format\": 2, \"version\": 8, \"campaigns\": [{\"id\": 1}]}")),
                    Refusal.INVALID_CONTENT);
            assertRefused(applier.apply(message(9, bundle(10))), Refusal.INVALID_CONTENT);
            assertRefused(
                    applier.apply(message(9, "{\"format\": 99, \"version\": 9, \"campaigns\": []}")),
                    Refusal.INVALID_CONTENT);
            assertSame(before, rules.get(), "every refusal leaves the previous rules in force");
        }
        try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(config.databaseFile(), "till-01", "boot")) {
            RulesInForce rules = RulesInForce.choose(fromFile, new SqliteHqUpdates(store).campaignsInForce(), loader);
            assertEquals(7, rules.get().version(), "HQ's newer bundle stays in force after a restart");
        }
    }

    @Test
    void aBundleThatIssuesVouchersIsRefusedOnATillWithoutAVoucherKey() throws IOException {
        TerminalConfig config = config();
        CampaignFileLoader loader = new CampaignFileLoader();
        try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(config.databaseFile(), "till-01", "boot")) {
            SqliteHqUpdates updates = new SqliteHqUpdates(store);
            RulesInForce rules =
                    RulesInForce.choose(loader.parse(FILE_BUNDLE, "file"), updates.campaignsInForce(), loader);
            InboundApplier applier = new InboundApplier(
                    updates, rules, loader, config, clock(config), new MemberLookups(Duration.ZERO, System::nanoTime));
            String withVoucher = """
                    {"format": 2, "version": 9,
                     "rewards": [{"id": "coffee", "slot": 1, "text": "Free coffee", "valueCents": 250, "validDays": 30}],
                     "campaigns": [{"id": "coffee-card", "type": "stamp-card", "cardSize": 5,
                                    "reward": "Free coffee", "voucher": "coffee", "qualifying": {"codes": ["4006381333931"]}}]}""";
            InboundResult result = applier.apply(message(9, withVoucher));
            Refusal refusal =
                    assertInstanceOf(InboundResult.Refused.class, result).refusal();
            assertEquals(Refusal.INVALID_CONTENT, refusal, result.toString());
            assertTrue(result.toString().contains("voucher.key-file"), result.toString());
            assertEquals(3, rules.get().version());
        }
    }

    private static void assertRefused(InboundResult result, Refusal expected) {
        assertEquals(
                expected,
                assertInstanceOf(InboundResult.Refused.class, result, result.toString())
                        .refusal(),
                result.toString());
    }

    private static HqMessage.CampaignBundle message(long version, String json) {
        return new HqMessage.CampaignBundle(Target.chain("acme"), version, Instant.parse("2026-11-23T10:00:00Z"), json);
    }

    private TerminalClock clock(TerminalConfig config) {
        return new TerminalClock(
                InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")), System::nanoTime, config.clockSyncFlag());
    }

    private TerminalConfig config() throws IOException {
        Files.writeString(dir.resolve("campaigns.json"), FILE_BUNDLE);
        Path file = dir.resolve("terminal.conf");
        Files.writeString(file, """
                terminal.id = till-01
                store.id = s1
                chain.id = acme
                data.dir = data
                campaigns.file = campaigns.json
                scanner.port = /dev/ttyACM0
                member.card.1.pattern = ^2412[0-9]{9}$
                """);
        return new ConfigLoader().load(file);
    }
}
