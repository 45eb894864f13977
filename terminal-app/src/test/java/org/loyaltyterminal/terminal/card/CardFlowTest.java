package org.loyaltyterminal.terminal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.engine.LoyaltyEngine;
import org.loyaltyterminal.device.nfc.CardRead;
import org.loyaltyterminal.device.scan.ScanEvent;
import org.loyaltyterminal.device.scan.Symbology;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.ledger.EventTime;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LedgerKind;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;
import org.loyaltyterminal.terminal.testing.TillFiles;
import org.loyaltyterminal.terminal.visit.CardFormat;
import org.loyaltyterminal.terminal.visit.CommitLatencies;
import org.loyaltyterminal.terminal.visit.ReceiptFormat;
import org.loyaltyterminal.terminal.visit.RuleSite;
import org.loyaltyterminal.terminal.visit.ScanClassifier;
import org.loyaltyterminal.terminal.visit.ScanOutcome;
import org.loyaltyterminal.terminal.visit.ScanOutcome.RefusalReason;
import org.loyaltyterminal.terminal.visit.ScanProcessor;
import org.loyaltyterminal.terminal.visit.VisitTracker;
import org.loyaltyterminal.terminal.visit.VoucherDesk;
import org.loyaltyterminal.terminal.voucher.VoucherConfig;

/** Contactless cards through the real visit flow and a real SQLite file. */
class CardFlowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] UID = HexFormat.of().parseHex("047A3B526B8081");
    private static final String ANNA = TillFiles.memberCard(1);
    private static final CardSecret SECRET = CardSecret.of(new byte[32]);

    @TempDir
    Path dir;

    private SqliteLoyaltyStore store;
    private final List<ScanOutcome> signalled = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ScanProcessor processor(UnknownCardPolicy policy) {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        CampaignBundle rules = new CampaignFileLoader().load(dir.resolve("campaigns.json"));
        store = SqliteLoyaltyStore.open(dir.resolve("loyalty.db"), "till-01", "boot");
        ScanClassifier classifier = new ScanClassifier(
                List.of(new CardFormat(Pattern.compile(TillFiles.MEMBER_CARD_PATTERN), Set.of(Symbology.EAN_13))),
                new ReceiptFormat(Pattern.compile("^RC(?<id>[0-9]{10})(?<cents>[0-9]{7})$")),
                Pattern.compile(ConfigLoader.DEFAULT_VOUCHER_PATTERN),
                "CLOSE-VISIT",
                "REPRINT-VOUCHER");
        return new ScanProcessor(
                classifier,
                new VisitTracker(Duration.ofMinutes(2), Duration.ofMillis(1500), () -> "visit-" + now.get()),
                new LoyaltyEngine(),
                () -> rules,
                store,
                new TerminalClock(InstantSource.fixed(Instant.parse("2026-11-23T09:00:00Z")), now::get, config),
                signalled::add,
                new CommitLatencies(8),
                new CardRules.Enabled(new CardIdentities(SECRET), policy),
                VoucherDesk.off(VoucherConfig.off(ZoneOffset.UTC), store),
                new RuleSite("", "", ZoneOffset.UTC));
    }

    private ScanOutcome card(ScanProcessor processor, byte[] uid, Optional<String> memberNumber) {
        now.addAndGet(2 * SECOND);
        signalled.clear();
        processor.onCard(new CardRead("nfc", Bytes.copyOf(uid), memberNumber, now.get()));
        return signalled.getLast();
    }

    private ScanOutcome scan(ScanProcessor processor, String payload) {
        now.addAndGet(2 * SECOND);
        signalled.clear();
        processor.onScan(new ScanEvent("scanner", Symbology.EAN_13, payload, now.get()));
        return signalled.getLast();
    }

    @Test
    void enrolPolicyEnrolsLinksAndOpensAVisitThenRecognisesTheCard() throws Exception {
        ScanProcessor processor = processor(UnknownCardPolicy.ENROL);
        var linked = assertInstanceOf(ScanOutcome.CardLinked.class, card(processor, UID, Optional.empty()));
        assertEquals(
                List.of(LedgerKind.ENROLLED, LedgerKind.CARD_LINKED),
                linked.entries().stream().map(LedgerEntry::kind).toList());
        scan(processor, "CLOSE-VISIT");
        var again = assertInstanceOf(ScanOutcome.VisitOpened.class, card(processor, UID, Optional.empty()));
        assertTrue(again.enrolment().isEmpty(), "the second presentation finds the member");
        assertEquals(linked.maskedCard(), again.maskedCard());
        assertUidNowhereInTheDatabase();
        assertTrue(store.check().consistent());
    }

    @Test
    void linkNextPolicyLinksTheCardToTheMemberCardScannedNext() {
        ScanProcessor processor = processor(UnknownCardPolicy.LINK_NEXT);
        var refused = assertInstanceOf(ScanOutcome.Refused.class, card(processor, UID, Optional.empty()));
        assertEquals(RefusalReason.CARD_NOT_LINKED, refused.reason());
        assertTrue(refused.message().contains("scan the member's card now"), refused.message());
        var linked = assertInstanceOf(ScanOutcome.CardLinked.class, scan(processor, ANNA));
        assertEquals(
                List.of(LedgerKind.ENROLLED, LedgerKind.CARD_LINKED),
                linked.entries().stream().map(LedgerEntry::kind).toList(),
                "an unknown member card is enrolled, then the card linked");
        scan(processor, "CLOSE-VISIT");
        var opened = assertInstanceOf(ScanOutcome.VisitOpened.class, card(processor, UID, Optional.empty()));
        assertEquals("••••0016", opened.maskedCard(), "the card now opens Anna's visit");
    }

    @Test
    void aCardIsLinkedToTheMemberWhoseVisitIsAlreadyOpen() {
        ScanProcessor processor = processor(UnknownCardPolicy.LINK_NEXT);
        scan(processor, ANNA);
        card(processor, UID, Optional.empty());
        var linked = assertInstanceOf(ScanOutcome.CardLinked.class, scan(processor, ANNA));
        assertInstanceOf(ScanOutcome.VisitContinued.class, linked.visit(), "Anna's visit goes on");
        assertEquals(
                List.of(LedgerKind.CARD_LINKED),
                linked.entries().stream().map(LedgerEntry::kind).toList());
    }

    @Test
    void aPendingLinkExpiresWithTheVisitTimeout() {
        ScanProcessor processor = processor(UnknownCardPolicy.LINK_NEXT);
        card(processor, UID, Optional.empty());
        now.addAndGet(121 * SECOND);
        assertInstanceOf(ScanOutcome.VisitOpened.class, scan(processor, ANNA), "too late: a plain visit, no link");
        assertTrue(store.memberForCard(new CardIdentities(SECRET).identify(UID)).isEmpty());
    }

    @Test
    void refusePolicyWritesNothing() {
        ScanProcessor processor = processor(UnknownCardPolicy.REFUSE);
        var refused = assertInstanceOf(ScanOutcome.Refused.class, card(processor, UID, Optional.empty()));
        assertEquals(RefusalReason.CARD_NOT_LINKED, refused.reason());
        assertEquals(0, store.check().ledgerRows());
    }

    @Test
    void anNdefMemberNumberOpensThatMembersVisit() {
        ScanProcessor processor = processor(UnknownCardPolicy.REFUSE);
        var opened = assertInstanceOf(ScanOutcome.VisitOpened.class, card(processor, UID, Optional.of(ANNA)));
        assertEquals("••••0016", opened.maskedCard());
        var refused = assertInstanceOf(
                ScanOutcome.Refused.class, card(processor, HexFormat.of().parseHex("01020304"), Optional.of("M12345")));
        assertEquals(RefusalReason.CARD_NUMBER_NOT_A_MEMBER_CARD, refused.reason());
    }

    @Test
    void theSameCardWithinTheDebounceWindowIsARepeat() {
        ScanProcessor processor = processor(UnknownCardPolicy.ENROL);
        card(processor, UID, Optional.empty());
        signalled.clear();
        now.addAndGet(SECOND / 2);
        processor.onCard(new CardRead("nfc", Bytes.copyOf(UID), Optional.empty(), now.get()));
        assertInstanceOf(ScanOutcome.Repeated.class, signalled.getLast());
    }

    @Test
    void relinkingACardMovesItAndRecordsBothSides() {
        processor(UnknownCardPolicy.ENROL);
        String identity = new CardIdentities(SECRET).identify(UID);
        var time = new EventTime(Instant.EPOCH, false, 0);
        store.linkCard(identity, ANNA, "v1", time);
        List<LedgerEntry> moved = store.linkCard(identity, TillFiles.memberCard(2), "v2", time);
        assertEquals(
                List.of(LedgerKind.ENROLLED, LedgerKind.CARD_UNLINKED, LedgerKind.CARD_LINKED),
                moved.stream().map(LedgerEntry::kind).toList());
        assertEquals(ANNA, moved.get(1).memberCard(), "unlinked from Anna");
        assertEquals(Optional.of(TillFiles.memberCard(2)), store.memberForCard(identity));
        assertTrue(
                store.linkCard(identity, TillFiles.memberCard(2), "v3", time).isEmpty(),
                "linking again changes nothing");
    }

    @Test
    void aLostCardIsUnlinkedByItsMemberAndNoLongerOpensTheVisit() {
        ScanProcessor processor = processor(UnknownCardPolicy.REFUSE);
        String identity = new CardIdentities(SECRET).identify(UID);
        var time = new EventTime(Instant.EPOCH, false, 0);
        store.linkCard(identity, ANNA, "v1", time);
        List<LedgerEntry> unlinked = store.unlinkCardsOf(ANNA, "operator:m.weber", time);
        assertEquals(1, unlinked.size());
        assertEquals(LedgerKind.CARD_UNLINKED, unlinked.getFirst().kind());
        assertEquals(identity, unlinked.getFirst().reference(), "the row names the card by its hash");
        var refused = assertInstanceOf(ScanOutcome.Refused.class, card(processor, UID, Optional.empty()));
        assertEquals(RefusalReason.CARD_NOT_LINKED, refused.reason());
        assertTrue(store.unlinkCardsOf(ANNA, "operator:m.weber", time).isEmpty(), "nothing left to unlink");
    }

    private void assertUidNowhereInTheDatabase() throws Exception {
        String uidHex = HexFormat.of().formatHex(UID);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("loyalty.db"));
                Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT reference || card_number FROM ledger",
                    "SELECT payload FROM outbox",
                    "SELECT card_identity || card_number FROM card_links",
                    "SELECT card_number FROM members")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        assertFalse(
                                rs.getString(1).toLowerCase(Locale.ROOT).contains(uidHex), "UID in clear in: " + sql);
                    }
                }
            }
        }
    }
}
