package org.loyaltyterminal.sync.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;

/**
 * HQ's answers to a terminal's balance questions ({@code member-account} on its {@code lookup-reply}
 * topic), the store's members topic, and the erasure's pseudonym: what is read, and every reason
 * one is refused.
 */
class MemberMessagesCodecTest {
    private static final KeyPair HQ = Ed25519Pem.generate();
    private static final Topics ME = new Topics("acme", "s1", "t1");
    private static final Topics NEIGHBOUR = new Topics("acme", "s1", "t2");
    private static final HqKeyRing KEYS = new HqKeyRing(Map.of("hq-1", HQ.getPublic()));
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final String CARD = "2412000000017";
    private static final UUID REQUEST = UUID.fromString("0b6f8a1e-4c3d-4e2f-9a7b-1c2d3e4f5a6b");

    private final HqMessageCodec codec = new HqMessageCodec();

    private static HqMessage.MemberAccount account(Target target) {
        return new HqMessage.MemberAccount(
                target, 42, AT, REQUEST, CARD, true, 120, Map.of("coffee", 3), Map.of("t1", 17L, "t9", 4L));
    }

    private byte[] answer(Target target) {
        return codec.writeMemberAccount(account(target), "hq-1", HQ.getPrivate());
    }

    private byte[] signed(HqMessageCodec.Kind kind, Target target, ObjectNode payload) {
        return codec.write(kind, target, 42, AT, payload, "hq-1", HQ.getPrivate());
    }

    private HqMessage read(String topic, byte[] payload) {
        return codec.read(topic, payload, ME, KEYS, 4096);
    }

    private RefusedMessageException refused(String topic, byte[] payload) {
        return assertThrows(RefusedMessageException.class, () -> read(topic, payload));
    }

    private static ObjectNode accountPayload() {
        ObjectNode payload = JsonNodeFactory.instance
                .objectNode()
                .put("request", REQUEST.toString())
                .put("card", CARD)
                .put("known", true)
                .put("points", 5);
        payload.putObject("stamps");
        payload.putObject("includes");
        return payload;
    }

    @Test
    void aSignedAnswerOnThisTerminalsReplyTopicIsReadWithEveryField() {
        HqMessage.MemberAccount read = assertInstanceOf(
                HqMessage.MemberAccount.class, read(ME.lookupReply(), answer(Target.terminal("acme", "s1", "t1"))));
        assertEquals(account(Target.terminal("acme", "s1", "t1")), read);
        assertEquals("member/" + CARD, read.versionScope(), "shared with pushed snapshots: the newest wins");
        assertEquals(17, read.includedUpTo("t1"));
        assertEquals(120, read.asSnapshot().points(), "applied exactly as a snapshot");
        assertEquals(read.includes(), read.asSnapshot().includes());
    }

    @Test
    void anAnswerThatHqKnowsNoAccountCarriesNoBalance() {
        HqMessage.MemberAccount unknown =
                HqMessage.MemberAccount.unknown(Target.terminal("acme", "s1", "t1"), 43, AT, REQUEST, CARD);
        byte[] wire = codec.writeMemberAccount(unknown, "hq-1", HQ.getPrivate());
        String body = body(wire);
        assertFalse(body.contains("points") || body.contains("stamps") || body.contains("includes"), body);
        HqMessage.MemberAccount read = assertInstanceOf(HqMessage.MemberAccount.class, read(ME.lookupReply(), wire));
        assertFalse(read.known());
        assertThrows(IllegalStateException.class, read::asSnapshot, "nothing to apply");

        ObjectNode withBalance = accountPayload().put("known", false);
        RefusedMessageException e = refused(
                ME.lookupReply(),
                signed(HqMessageCodec.Kind.MEMBER_ACCOUNT, Target.terminal("acme", "s1", "t1"), withBalance));
        assertEquals(Refusal.INVALID_CONTENT, e.refusal());
        assertTrue(e.getMessage().contains("does not know"), e.getMessage());
    }

    @Test
    void aForgedOrTamperedAnswerIsRefused() {
        byte[] otherKey = codec.writeMemberAccount(
                account(Target.terminal("acme", "s1", "t1")),
                "hq-1",
                Ed25519Pem.generate().getPrivate());
        assertEquals(Refusal.BAD_SIGNATURE, refused(ME.lookupReply(), otherKey).refusal());

        String envelope = new String(answer(Target.terminal("acme", "s1", "t1")), StandardCharsets.UTF_8);
        String body = envelope.replaceAll(".*\"body\":\"([^\"]+)\".*", "$1");
        String richer = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                .replace("\"points\":120", "\"points\":99999");
        String forged =
                envelope.replace(body, Base64.getEncoder().encodeToString(richer.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                Refusal.BAD_SIGNATURE,
                refused(ME.lookupReply(), forged.getBytes(StandardCharsets.UTF_8))
                        .refusal());
        byte[] unsigned = ("{\"body\":\"" + body + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(Refusal.UNSIGNED, refused(ME.lookupReply(), unsigned).refusal());
    }

    @Test
    void anAnswerBelongsOnThisTerminalsReplyTopicOnly() {
        byte[] mine = answer(Target.terminal("acme", "s1", "t1"));
        for (String topic : new String[] {
            ME.members(), ME.storeMembers(), ME.terminalCommands(), ME.chainCampaigns(), NEIGHBOUR.lookupReply()
        }) {
            assertEquals(Refusal.WRONG_TOPIC, refused(topic, mine).refusal(), topic);
        }
        ObjectNode snapshot =
                JsonNodeFactory.instance.objectNode().put("card", CARD).put("points", 5);
        snapshot.putObject("stamps");
        snapshot.putObject("includes");
        assertEquals(
                Refusal.WRONG_TOPIC,
                refused(ME.lookupReply(), signed(HqMessageCodec.Kind.MEMBER_SNAPSHOT, Target.chain("acme"), snapshot))
                        .refusal(),
                "a pushed snapshot is not an answer");
    }

    @Test
    void anAnswerForAnotherTerminalOrForNoTerminalIsRefused() {
        assertEquals(
                Refusal.NOT_FOR_THIS_TERMINAL,
                refused(ME.lookupReply(), answer(Target.terminal("acme", "s1", "t2")))
                        .refusal());
        assertEquals(
                Refusal.NOT_FOR_THIS_TERMINAL,
                refused(ME.lookupReply(), answer(Target.terminal("acme", "s2", "t1")))
                        .refusal());
        RefusedMessageException chainWide = refused(ME.lookupReply(), answer(Target.chain("acme")));
        assertEquals(Refusal.INVALID_CONTENT, chainWide.refusal());
        assertTrue(chainWide.getMessage().contains("names no terminal"), chainWide.getMessage());
    }

    @Test
    void anOversizedAnswerIsRefusedBeforeParsing() {
        ObjectNode payload = accountPayload();
        ObjectNode stamps = payload.putObject("stamps");
        for (int i = 0; i < 300; i++) {
            stamps.put("campaign-" + i, i);
        }
        byte[] big = signed(HqMessageCodec.Kind.MEMBER_ACCOUNT, Target.terminal("acme", "s1", "t1"), payload);
        assertTrue(big.length > 4096);
        assertEquals(Refusal.OVERSIZED, refused(ME.lookupReply(), big).refusal());
    }

    @Test
    void malformedAnswersAreRefusedWithWhatIsWrong() {
        Target me = Target.terminal("acme", "s1", "t1");
        Map<String, ObjectNode> broken = Map.of(
                "'request' must be a UUID", accountPayload().put("request", "1-1-1-1-1"),
                "'request' must be a non-empty string", accountPayload().put("request", 7),
                "'known' must be true or false", accountPayload().put("known", "yes"),
                "'points' must not be negative", accountPayload().put("points", -1),
                "'card' must be 1-64 printable ASCII", accountPayload().put("card", "2412 0000"),
                "'stamps' must be an object", accountPayload().put("stamps", 3));
        broken.forEach((expected, payload) -> {
            RefusedMessageException e =
                    refused(ME.lookupReply(), signed(HqMessageCodec.Kind.MEMBER_ACCOUNT, me, payload));
            assertEquals(Refusal.INVALID_CONTENT, e.refusal(), expected);
            assertTrue(e.getMessage().contains(expected), expected + " in: " + e.getMessage());
        });
        ObjectNode noKnown = accountPayload();
        noKnown.remove("known");
        assertEquals(
                Refusal.INVALID_CONTENT,
                refused(ME.lookupReply(), signed(HqMessageCodec.Kind.MEMBER_ACCOUNT, me, noKnown))
                        .refusal());
        ObjectNode badTerminal = accountPayload();
        badTerminal.putObject("includes").put("t/#", 3);
        assertEquals(
                Refusal.INVALID_CONTENT,
                refused(ME.lookupReply(), signed(HqMessageCodec.Kind.MEMBER_ACCOUNT, me, badTerminal))
                        .refusal(),
                "a terminal id that is no topic level is bad content, not a link failure");
        assertEquals(
                Refusal.MALFORMED,
                refused(ME.lookupReply(), "{\"alg\":".getBytes(StandardCharsets.UTF_8))
                        .refusal());
    }

    @Test
    void theStoresMembersTopicCarriesSnapshotsAndRedeemedVouchers() {
        ObjectNode snapshot =
                JsonNodeFactory.instance.objectNode().put("card", CARD).put("points", 5);
        snapshot.putObject("stamps").put("coffee", 1);
        snapshot.putObject("includes").put("t1", 3);
        HqMessage.MemberSnapshot read = assertInstanceOf(
                HqMessage.MemberSnapshot.class,
                read(
                        ME.storeMembers(),
                        signed(HqMessageCodec.Kind.MEMBER_SNAPSHOT, Target.store("acme", "s1"), snapshot)));
        assertEquals(3, read.includedUpTo("t1"));
        ObjectNode vouchers = JsonNodeFactory.instance.objectNode();
        vouchers.putArray("vouchers")
                .addObject()
                .put("reference", "12/345/2026-12-31")
                .put("terminal", "t2")
                .put("at", "2026-11-23T09:00:00Z");
        assertInstanceOf(
                HqMessage.VouchersRedeemed.class,
                read(
                        ME.storeMembers(),
                        signed(HqMessageCodec.Kind.VOUCHERS_REDEEMED, Target.store("acme", "s1"), vouchers)));
        assertEquals(
                Refusal.WRONG_TOPIC,
                refused(
                                new Topics("acme", "s2", "t1").storeMembers(),
                                signed(HqMessageCodec.Kind.MEMBER_SNAPSHOT, Target.store("acme", "s1"), snapshot))
                        .refusal(),
                "another store's members topic is not this terminal's");
        assertEquals(
                Refusal.NOT_FOR_THIS_TERMINAL,
                refused(
                                ME.storeMembers(),
                                signed(HqMessageCodec.Kind.MEMBER_SNAPSHOT, Target.store("acme", "s2"), snapshot))
                        .refusal());
    }

    @Test
    void anErasureCarriesHqsPseudonymOrNone() {
        Target me = Target.terminal("acme", "s1", "t1");
        ObjectNode erase = JsonNodeFactory.instance
                .objectNode()
                .put("type", "erase-member")
                .put("card", CARD);
        HqMessage.EraseMember plain = assertInstanceOf(
                HqMessage.EraseMember.class,
                read(ME.terminalCommands(), signed(HqMessageCodec.Kind.COMMAND, me, erase)));
        assertEquals(Optional.empty(), plain.pseudonym(), "without the field the till draws one");
        HqMessage.EraseMember named = assertInstanceOf(
                HqMessage.EraseMember.class,
                read(
                        ME.terminalCommands(),
                        signed(HqMessageCodec.Kind.COMMAND, me, erase.deepCopy().put("pseudonym", "erased-7f3a-99"))));
        assertEquals(Optional.of("erased-7f3a-99"), named.pseudonym());
        for (String bad : new String[] {
            "erased-", "7f3a", "erased-a b", "erased-x'; DROP", "ERASED-1", "erased-" + "a".repeat(65), "erased-é"
        }) {
            RefusedMessageException e = refused(
                    ME.terminalCommands(),
                    signed(HqMessageCodec.Kind.COMMAND, me, erase.deepCopy().put("pseudonym", bad)));
            assertEquals(Refusal.INVALID_CONTENT, e.refusal(), bad);
            assertTrue(e.getMessage().contains("'pseudonym' must match"), e.getMessage());
        }
        assertEquals(
                Refusal.INVALID_CONTENT,
                refused(
                                ME.terminalCommands(),
                                signed(
                                        HqMessageCodec.Kind.COMMAND,
                                        me,
                                        erase.deepCopy().put("pseudonym", 5)))
                        .refusal());
    }

    private static String body(byte[] envelope) {
        String text = new String(envelope, StandardCharsets.UTF_8);
        return new String(
                Base64.getDecoder().decode(text.replaceAll(".*\"body\":\"([^\"]+)\".*", "$1")), StandardCharsets.UTF_8);
    }
}
