package org.loyaltyterminal.hq.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.loyaltyterminal.hq.ingest.Conflict;
import org.loyaltyterminal.hq.ingest.RedeemedVoucher;
import org.loyaltyterminal.hq.publish.HqMessages;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.loyaltyterminal.hq.publish.Signer;
import org.loyaltyterminal.hq.publish.VersionClock;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.signing.Ed25519Pem;
import org.loyaltyterminal.sync.signing.HqKeyRing;

class RedemptionBroadcasterTest {
    private final KeyPair keys = Ed25519Pem.generate();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T10:00:00Z"));
    private final InstantSource wall = () -> now.get();
    private final List<Outgoing> sent = new ArrayList<>();
    private final RedemptionBroadcaster broadcaster = new RedemptionBroadcaster(
            new HqMessages(new Signer("hq-1", keys.getPrivate()), wall),
            new VersionClock(wall),
            sent::add,
            wall,
            Duration.ofMinutes(5));
    private final Topics tillInOtherStore = new Topics("acme", "s2", "t9");

    @Test
    void aRedemptionGoesToTheWholeChainSignedAndReadableByAnyTill() {
        broadcaster.redeemed("acme", List.of(voucher("V-1")));

        assertEquals(1, sent.size());
        assertEquals("loyalty/v1/acme/members", sent.getFirst().topic());
        assertEquals(List.of("V-1"), references(read(sent.getFirst())));
    }

    @Test
    void eachMessageRepeatsTheRecentOnesSoAnOvertakenMessageLosesNothing() {
        broadcaster.redeemed("acme", List.of(voucher("V-1")));
        now.set(now.get().plusSeconds(60));
        broadcaster.redeemed("acme", List.of(voucher("V-2")));
        now.set(now.get().plus(Duration.ofMinutes(5)));
        broadcaster.redeemed("acme", List.of(voucher("V-3")));

        assertEquals(List.of("V-1", "V-2"), references(read(sent.get(1))));
        assertEquals(List.of("V-2", "V-3"), references(read(sent.get(2))), "V-1 is older than the window");
        HqMessage.VouchersRedeemed second = read(sent.get(1));
        HqMessage.VouchersRedeemed third = read(sent.get(2));
        assertEquals(true, third.version() > second.version(), "versions grow, so the newest message applies");
    }

    @Test
    void nothingRedeemedSendsNothing() {
        broadcaster.redeemed("acme", List.of());
        assertEquals(0, sent.size());
    }

    @Test
    void aMessageCarriesAtMostItsLimit() {
        List<RedeemedVoucher> many = new ArrayList<>();
        for (int i = 0; i < RedemptionBroadcaster.MAX_PER_MESSAGE + 20; i++) {
            many.add(voucher("V-" + i));
        }
        broadcaster.redeemed("acme", many);
        List<String> references = references(read(sent.getFirst()));
        assertEquals(RedemptionBroadcaster.MAX_PER_MESSAGE, references.size());
        assertEquals("V-" + (RedemptionBroadcaster.MAX_PER_MESSAGE + 19), references.getLast(), "the newest stay");
    }

    private static RedeemedVoucher voucher(String reference) {
        return new RedeemedVoucher(
                reference, new Conflict.Redemption("s1", "t1", 7, "2026-12-05T09:59:00Z", "erased-x"));
    }

    private HqMessage.VouchersRedeemed read(Outgoing message) {
        return assertInstanceOf(
                HqMessage.VouchersRedeemed.class,
                new HqMessageCodec()
                        .read(
                                message.topic(),
                                message.payload().toArray(),
                                tillInOtherStore,
                                new HqKeyRing(Map.of("hq-1", keys.getPublic())),
                                1 << 20));
    }

    private static List<String> references(HqMessage.VouchersRedeemed message) {
        return message.vouchers().stream()
                .map(HqMessage.RedeemedElsewhere::reference)
                .toList();
    }
}
