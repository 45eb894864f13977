package org.loyaltyterminal.sync.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;
import org.loyaltyterminal.sync.signing.SignedEnvelope;

/** Every reason a message from HQ is refused, and the shapes that are accepted. */
class HqMessageCodecTest {
    private static final KeyPair HQ = Ed25519Pem.generate();
    private static final Topics ME = new Topics("acme", "s1", "t1");
    private static final HqKeyRing KEYS = new HqKeyRing(Map.of("hq-1", HQ.getPublic()));
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private final HqMessageCodec codec = new HqMessageCodec();

    private byte[] signed(HqMessageCodec.Kind kind, Target target, ObjectNode payload) {
        return codec.write(kind, target, 5, AT, payload, "hq-1", HQ.getPrivate());
    }

    private Refusal refusal(String topic, byte[] payload) {
        return assertThrows(RefusedMessageException.class, () -> codec.read(topic, payload, ME, KEYS, 4096))
                .refusal();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void aSignedCampaignBundleForThisChainOrStoreIsRead() {
        HqMessage chain = codec.read(
                ME.chainCampaigns(),
                signed(
                        HqMessageCodec.Kind.CAMPAIGNS,
                        Target.chain("acme"),
                        object().put("format", 2).put("version", 5)),
                ME,
                KEYS,
                4096);
        HqMessage.CampaignBundle bundle = assertInstanceOf(HqMessage.CampaignBundle.class, chain);
        assertEquals(5, bundle.version());
        assertEquals("{\"format\":2,\"version\":5}", bundle.bundleJson());
        assertEquals("campaigns", bundle.versionScope());
        assertInstanceOf(
                HqMessage.CampaignBundle.class,
                codec.read(
                        ME.storeCampaigns(),
                        signed(HqMessageCodec.Kind.CAMPAIGNS, Target.store("acme", "s1"), object()),
                        ME,
                        KEYS,
                        4096));
    }

    @Test
    void commandsAndMemberMessagesAreRead() {
        HqMessage erase = codec.read(
                ME.terminalCommands(),
                signed(
                        HqMessageCodec.Kind.COMMAND,
                        Target.terminal("acme", "s1", "t1"),
                        object().put("type", "erase-member").put("card", "2412000000017")),
                ME,
                KEYS,
                4096);
        assertEquals(
                "2412000000017",
                assertInstanceOf(HqMessage.EraseMember.class, erase).card());
        assertEquals("commands/acme/s1/t1", erase.versionScope());
        ObjectNode snapshot = object().put("card", "2412000000017").put("points", 120);
        snapshot.putObject("stamps").put("coffee", 3);
        snapshot.putObject("includes").put("t1", 40).put("t2", 7);
        HqMessage.MemberSnapshot read = assertInstanceOf(
                HqMessage.MemberSnapshot.class,
                codec.read(
                        ME.members(),
                        signed(HqMessageCodec.Kind.MEMBER_SNAPSHOT, Target.chain("acme"), snapshot),
                        ME,
                        KEYS,
                        4096));
        assertEquals(40, read.includedUpTo("t1"));
        assertEquals(0, read.includedUpTo("t9"));
        assertEquals(Map.of("coffee", 3), read.stamps());
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeParsing() {
        byte[] huge = new byte[5000];
        Arrays.fill(huge, (byte) '{');
        assertEquals(Refusal.OVERSIZED, refusal(ME.chainCampaigns(), huge));
    }

    @Test
    void unsignedMalformedForeignAndTamperedMessagesAreRefused() {
        assertEquals(Refusal.MALFORMED, refusal(ME.chainCampaigns(), "not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                Refusal.MALFORMED, refusal(ME.chainCampaigns(), "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                Refusal.UNSIGNED, refusal(ME.chainCampaigns(), "{\"body\":\"e30=\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] otherKey = codec.write(
                HqMessageCodec.Kind.CAMPAIGNS,
                Target.chain("acme"),
                5,
                AT,
                object(),
                "hq-1",
                Ed25519Pem.generate().getPrivate());
        assertEquals(Refusal.BAD_SIGNATURE, refusal(ME.chainCampaigns(), otherKey));
        byte[] unknownId = codec.write(
                HqMessageCodec.Kind.CAMPAIGNS, Target.chain("acme"), 5, AT, object(), "hq-9", HQ.getPrivate());
        assertEquals(Refusal.UNKNOWN_KEY, refusal(ME.chainCampaigns(), unknownId));

        // The body re-encoded with a higher version but the old signature: one byte changed is enough.
        String envelope = new String(
                signed(HqMessageCodec.Kind.CAMPAIGNS, Target.chain("acme"), object()), StandardCharsets.UTF_8);
        String body = envelope.replaceAll(".*\"body\":\"([^\"]+)\".*", "$1");
        String forged = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                .replace("\"version\":5", "\"version\":6");
        String tampered =
                envelope.replace(body, Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Refusal.BAD_SIGNATURE, refusal(ME.chainCampaigns(), tampered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMessageForAnotherStoreOrChainOrOnTheWrongTopicIsRefused() {
        assertEquals(
                Refusal.NOT_FOR_THIS_TERMINAL,
                refusal(ME.chainCampaigns(), signed(HqMessageCodec.Kind.CAMPAIGNS, Target.chain("other"), object())));
        assertEquals(
                Refusal.NOT_FOR_THIS_TERMINAL,
                refusal(
                        ME.storeCommands(),
                        signed(
                                HqMessageCodec.Kind.COMMAND,
                                Target.store("acme", "s2"),
                                object().put("type", "resend-from").put("sequence", 1))));
        assertEquals(
                Refusal.WRONG_TOPIC,
                refusal(
                        ME.chainCampaigns(),
                        signed(
                                HqMessageCodec.Kind.COMMAND,
                                Target.chain("acme"),
                                object().put("type", "resend-from").put("sequence", 1))));
    }

    @Test
    void signedButInvalidContentIsRefusedWithWhatIsWrong() {
        RefusedMessageException e = assertThrows(
                RefusedMessageException.class,
                () -> codec.read(
                        ME.terminalCommands(),
                        signed(
                                HqMessageCodec.Kind.COMMAND,
                                Target.terminal("acme", "s1", "t1"),
                                object().put("type", "reboot")),
                        ME,
                        KEYS,
                        4096));
        assertEquals(Refusal.INVALID_CONTENT, e.refusal());
        assertTrue(e.getMessage().contains("unknown command type 'reboot'"), e.getMessage());
        assertEquals(
                Refusal.INVALID_CONTENT,
                refusal(
                        ME.terminalCommands(),
                        signed(
                                HqMessageCodec.Kind.COMMAND,
                                Target.terminal("acme", "s1", "t1"),
                                object().put("type", "resend-from").put("sequence", -3))));

        byte[] newerSchema = SignedEnvelope.sign(
                "{\"schema\":2,\"kind\":\"campaigns\"}".getBytes(StandardCharsets.UTF_8), "hq-1", HQ.getPrivate());
        assertEquals(Refusal.UNSUPPORTED_SCHEMA, refusal(ME.chainCampaigns(), newerSchema));
    }
}
