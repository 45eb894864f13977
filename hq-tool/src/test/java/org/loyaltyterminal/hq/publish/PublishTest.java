package org.loyaltyterminal.hq.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.core.campaign.CampaignBundleReader;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import org.loyaltyterminal.hq.support.Batches;
import org.loyaltyterminal.hq.support.Cli;
import org.loyaltyterminal.hq.support.Listener;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.Refusal;
import org.loyaltyterminal.sync.inbound.RefusedMessageException;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.SqliteTestOutbox;
import org.loyaltyterminal.sync.testing.TestBroker;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.sync.wire.Json;

/** hq-tool's keys and signed messages, read back as a terminal reads them, through each broker. */
class PublishTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HqMessageCodec codec = new HqMessageCodec();
    private final Topics me = new Topics("c1", "s1", "t1");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void signedMessagesVerifyAtTheTerminalAndEveryForgeryIsRefused(TestBrokers.Kind kind, @TempDir Path dir)
            throws Exception {
        Path keys = dir.resolve("keys");
        Cli.run("keygen", "--id", "hq-2026", "--out", keys.toString()).ok();
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("hq-2026.key"))));
        HqKeyRing ring = HqKeyRing.fromFolder(keys);
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, "{\"format\": 1, \"version\": 7, \"campaigns\": []}");
        try (TestBroker broker = kind.start(dir);
                Listener terminal = new Listener(
                        broker.url(), "t1", me.storeCampaigns(), me.terminalCommands(), me.storeCommands())) {
            String[] signing = {
                "--broker", broker.url(), "--key", keys.resolve("hq-2026.key").toString(), "--key-id", "hq-2026"
            };
            Cli.run(concat(
                            new String[] {"publish-campaigns", "--chain", "c1", "--store", "s1", "--version", "7"},
                            signing,
                            new String[] {bundle.toString()}))
                    .ok();
            Cli.run(concat(
                            new String[] {
                                "command",
                                "erase-member",
                                "--chain",
                                "c1",
                                "--store",
                                "s1",
                                "--terminal",
                                "t1",
                                "--card",
                                "4242"
                            },
                            signing))
                    .ok();
            Cli.run(concat(
                            new String[] {"command", "resend-from", "--chain", "c1", "--store", "s1", "--sequence", "5"
                            },
                            signing))
                    .ok();
            Await.until(
                    "three messages",
                    WAIT,
                    () -> terminal.received(me.storeCampaigns()).size() == 1
                            && terminal.received(me.terminalCommands()).size() == 1
                            && terminal.received(me.storeCommands()).size() == 1);

            byte[] campaigns =
                    terminal.received(me.storeCampaigns()).getFirst().payload().toArray();
            var bundleMessage = assertInstanceOf(
                    HqMessage.CampaignBundle.class, codec.read(me.storeCampaigns(), campaigns, me, ring, 1 << 20));
            assertEquals(7, bundleMessage.version());
            var erase = assertInstanceOf(
                    HqMessage.EraseMember.class,
                    codec.read(
                            me.terminalCommands(),
                            terminal.received(me.terminalCommands())
                                    .getFirst()
                                    .payload()
                                    .toArray(),
                            me,
                            ring,
                            1 << 20));
            assertEquals("4242", erase.card());
            var resend = assertInstanceOf(
                    HqMessage.ResendFrom.class,
                    codec.read(
                            me.storeCommands(),
                            terminal.received(me.storeCommands())
                                    .getFirst()
                                    .payload()
                                    .toArray(),
                            me,
                            ring,
                            1 << 20));
            assertEquals(5, resend.sequence());
            assertTrue(
                    resend.version() > erase.version(),
                    "default versions increase at HQ: " + erase.version() + " then " + resend.version());

            // Forgeries, on the bytes the broker delivered.
            String envelope = new String(campaigns, StandardCharsets.UTF_8);
            var root = new Json().read(campaigns, "envelope");
            byte[] body = Base64.getDecoder().decode(root.get("body").asText());
            refused(Refusal.UNSIGNED, body, me.storeCampaigns(), me, ring, 1 << 20);
            refused(
                    Refusal.BAD_SIGNATURE,
                    campaigns,
                    me.storeCampaigns(),
                    me,
                    new HqKeyRing(Map.of("hq-2026", Ed25519Pem.generate().getPublic())),
                    1 << 20);
            refused(
                    Refusal.UNKNOWN_KEY,
                    campaigns,
                    me.storeCampaigns(),
                    me,
                    new HqKeyRing(Map.of("other", Ed25519Pem.generate().getPublic())),
                    1 << 20);
            byte[] tamperedBody = new String(body, StandardCharsets.UTF_8)
                    .replace("\"version\":7", "\"version\":8")
                    .getBytes(StandardCharsets.UTF_8);
            refused(
                    Refusal.BAD_SIGNATURE,
                    envelope.replace(
                                    root.get("body").asText(),
                                    Base64.getEncoder().encodeToString(tamperedBody))
                            .getBytes(StandardCharsets.UTF_8),
                    me.storeCampaigns(),
                    me,
                    ring,
                    1 << 20);
            refused(Refusal.OVERSIZED, campaigns, me.storeCampaigns(), me, ring, campaigns.length - 1);
            refused(
                    Refusal.MALFORMED,
                    "not json".getBytes(StandardCharsets.UTF_8),
                    me.storeCampaigns(),
                    me,
                    ring,
                    1 << 20);
            Topics otherStore = new Topics("c1", "s2", "t9");
            refused(Refusal.NOT_FOR_THIS_TERMINAL, campaigns, otherStore.storeCampaigns(), otherStore, ring, 1 << 20);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void aBundleIsCheckedAsTheTillsCheckItAndPublishedUnderItsOwnVersion(TestBrokers.Kind kind, @TempDir Path dir)
            throws Exception {
        Path keys = dir.resolve("keys");
        Cli.run("keygen", "--id", "hq", "--out", keys.toString()).ok();
        HqKeyRing ring = HqKeyRing.fromFolder(keys);
        String stampCard = "{\"id\": \"coffee-card\", \"type\": \"stamp-card\", \"qualifying\": {\"categories\":"
                + " [\"coffee\"]}, \"cardSize\": 10, \"reward\": \"Free coffee\"}";
        Path invalid = dir.resolve("invalid.json");
        Files.writeString(
                invalid,
                "{\"format\": 1, \"version\": 41, \"campaign\": [], \"campaigns\": ["
                        + stampCard.replace("\"cardSize\": 10", "\"cardSize\": 0") + "]}");
        Path valid = dir.resolve("campaigns.json");
        Files.writeString(valid, "{\"format\": 1, \"version\": 42, \"campaigns\": [" + stampCard + "]}");
        try (TestBroker broker = kind.start(dir);
                Listener terminal = new Listener(broker.url(), "t1", me.chainCampaigns())) {
            String[] signing = {
                "--broker", broker.url(), "--key", keys.resolve("hq.key").toString(), "--key-id", "hq", "--chain", "c1"
            };

            Cli refused =
                    Cli.run(concat(new String[] {"publish-campaigns"}, signing, new String[] {invalid.toString()}));
            assertEquals(1, refused.exitCode(), refused.err());
            assertEquals(
                    "hq-tool publish-campaigns: campaign bundle " + invalid + " has 2 problems every till would refuse"
                            + " it for; nothing was signed or published:\n"
                            + "  $.campaign: unknown field; did you mean \"campaigns\"? the fields allowed here are"
                            + " format, version, products, campaigns, rewards\n"
                            + "  $.campaigns[0].cardSize: must be between 1 and 1000, was 0\n",
                    refused.err());
            assertEquals("", refused.out(), "nothing is said to be published");

            Cli otherVersion = Cli.run(concat(
                    new String[] {"publish-campaigns", "--version", "41"}, signing, new String[] {valid.toString()}));
            assertEquals(1, otherVersion.exitCode(), otherVersion.err());
            assertTrue(
                    otherVersion.err().contains("--version 41 differs from the bundle's \"version\": 42 in " + valid),
                    otherVersion.err());
            assertEquals("", otherVersion.out());

            Cli published = Cli.run(
                            concat(new String[] {"publish-campaigns"}, signing, new String[] {valid.toString()}))
                    .ok();
            assertEquals(
                    "checked " + valid + " as the tills do: format 1, version 42, 0 products, 1 campaigns, 0 rewards\n"
                            + "published campaign bundle version 42 for c1 to " + me.chainCampaigns() + " (retained)\n",
                    published.out());
            Await.until(
                    "the valid bundle",
                    WAIT,
                    () -> !terminal.received(me.chainCampaigns()).isEmpty());

            // The refused publications went nowhere: the one message is the valid bundle, under its own version.
            assertEquals(1, terminal.received(me.chainCampaigns()).size());
            var message = assertInstanceOf(
                    HqMessage.CampaignBundle.class,
                    codec.read(
                            me.chainCampaigns(),
                            terminal.received(me.chainCampaigns())
                                    .getFirst()
                                    .payload()
                                    .toArray(),
                            me,
                            ring,
                            1 << 20));
            assertEquals(42, message.version(), "the envelope carries the bundle's own version");
            assertEquals(
                    42,
                    new CampaignBundleReader()
                            .parse(message.bundleJson(), "received")
                            .version());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.sync.testing.TestBrokers#kinds")
    void memberSnapshotsAndRedeemedVouchersComeFromTheIngestDatabase(TestBrokers.Kind kind, @TempDir Path dir) {
        Path keys = dir.resolve("keys");
        Cli.run("keygen", "--id", "hq", "--out", keys.toString()).ok();
        HqKeyRing ring = HqKeyRing.fromFolder(keys);
        Path db = dir.resolve("hq.db");
        try (SqliteTestOutbox outbox = SqliteTestOutbox.open(dir.resolve("t1.db"), "t1", InstantSource.system());
                JdbcEventStore store = JdbcEventStore.open(db, InstantSource.system())) {
            outbox.append(20);
            outbox.appendRedemption("m-1", "V-7");
            outbox.append(5);
            store.store(me, Batches.of(outbox, 1, 21));
            store.store(me, Batches.of(outbox, 24, 26)); // beyond a gap: not counted, not included
        }
        try (TestBroker broker = kind.start(dir);
                Listener terminal = new Listener(broker.url(), "t1", me.members())) {
            String[] signing = {
                "--broker",
                broker.url(),
                "--key",
                keys.resolve("hq.key").toString(),
                "--key-id",
                "hq",
                "--chain",
                "c1",
                "--database",
                db.toString()
            };
            Cli.run(concat(new String[] {"member-snapshot", "--card", "m-3"}, signing))
                    .ok();
            Cli.run(concat(new String[] {"vouchers-redeemed"}, signing)).ok();
            Await.until(
                    "two member messages",
                    WAIT,
                    () -> terminal.received(me.members()).size() == 2);

            var snapshot = assertInstanceOf(
                    HqMessage.MemberSnapshot.class,
                    codec.read(
                            me.members(),
                            terminal.received(me.members()).get(0).payload().toArray(),
                            me,
                            ring,
                            1 << 20));
            long expected = LongStream.rangeClosed(1, 20)
                    .filter(seq -> SqliteTestOutbox.memberOf(seq).equals("m-3"))
                    .map(SqliteTestOutbox::pointsOf)
                    .sum();
            assertEquals(expected, snapshot.points());
            assertEquals(21, snapshot.includedUpTo("t1"), "includes = the contiguous, acknowledged sequence");
            var vouchers = assertInstanceOf(
                    HqMessage.VouchersRedeemed.class,
                    codec.read(
                            me.members(),
                            terminal.received(me.members()).get(1).payload().toArray(),
                            me,
                            ring,
                            1 << 20));
            assertEquals("V-7", vouchers.vouchers().getFirst().reference());
            assertEquals("t1", vouchers.vouchers().getFirst().terminal());
        }
    }

    private void refused(Refusal expected, byte[] payload, String topic, Topics reader, HqKeyRing ring, int max) {
        RefusedMessageException e =
                assertThrows(RefusedMessageException.class, () -> codec.read(topic, payload, reader, ring, max));
        assertEquals(expected, e.refusal(), e.getMessage());
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
