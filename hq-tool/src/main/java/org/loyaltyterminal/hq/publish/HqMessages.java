package org.loyaltyterminal.hq.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.bytes.Bytes;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.ingest.MemberAccount;
import org.loyaltyterminal.hq.ingest.RedeemedVoucher;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.inbound.HqMessageCodec;
import org.loyaltyterminal.sync.inbound.Target;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.WireFormatException;

/**
 * Builds HQ's signed messages with {@link HqMessageCodec#write} and picks their topics from
 * {@link Topics}, so the layout lives in one place. Campaign bundles are retained (a terminal
 * that connects later gets the one in force); commands and member updates are not (terminals'
 * persistent sessions queue them).
 */
public final class HqMessages {
    private final Signer signer;
    private final InstantSource wall;
    private final HqMessageCodec codec = new HqMessageCodec();
    private final Json json = new Json();

    public HqMessages(Signer signer, InstantSource wall) {
        this.signer = signer;
        this.wall = wall;
    }

    public Outgoing campaigns(Target target, long version, byte[] bundle) {
        if (target.terminal().isPresent()) {
            throw new HqException("campaign bundles go to a chain or a store, not to terminal "
                    + target.terminal().get() + "; drop --terminal");
        }
        JsonNode payload;
        try {
            payload = json.read(bundle, "campaign bundle");
        } catch (WireFormatException e) {
            throw new HqException(e.getMessage() + "; fix the bundle file", e);
        }
        Topics at = topicsOf(target);
        String topic = target.store().isPresent() ? at.storeCampaigns() : at.chainCampaigns();
        return sign(HqMessageCodec.Kind.CAMPAIGNS, target, version, payload, topic, true, "campaign bundle");
    }

    public Outgoing eraseMember(Target target, long version, String card) {
        return eraseMember(target, version, card, Optional.empty());
    }

    /**
     * With a pseudonym, the tills put HQ's pseudonym on the member's rows instead of one of their
     * own, so HQ's pseudonymised events and every till's rows name the same (anonymous) member.
     */
    public Outgoing eraseMember(Target target, long version, String card, Optional<String> pseudonym) {
        ObjectNode payload =
                json.mapper().createObjectNode().put("type", "erase-member").put("card", card);
        pseudonym.ifPresent(p -> payload.put("pseudonym", p));
        return sign(
                HqMessageCodec.Kind.COMMAND,
                target,
                version,
                payload,
                commandsTopic(target),
                false,
                "erase-member command");
    }

    public Outgoing resendFrom(Target target, long version, long sequence) {
        if (sequence < 1) {
            throw new HqException("--sequence must be 1 or more, was " + sequence);
        }
        ObjectNode payload =
                json.mapper().createObjectNode().put("type", "resend-from").put("sequence", sequence);
        return sign(
                HqMessageCodec.Kind.COMMAND,
                target,
                version,
                payload,
                commandsTopic(target),
                false,
                "resend-from command");
    }

    public Outgoing memberSnapshot(String chain, long version, MemberAccount balance) {
        return memberSnapshot(Target.chain(chain), version, balance);
    }

    /** To a whole chain, or (the service's push) to one store where the member shops. */
    public Outgoing memberSnapshot(Target target, long version, MemberAccount balance) {
        if (target.terminal().isPresent()) {
            throw new HqException("member snapshots go to a chain or a store, not to one terminal");
        }
        ObjectNode payload = json.mapper().createObjectNode();
        payload.put("card", balance.member());
        putBalance(payload, balance);
        Topics at = topicsOf(target);
        return sign(
                HqMessageCodec.Kind.MEMBER_SNAPSHOT,
                target,
                version,
                payload,
                target.store().isPresent() ? at.storeMembers() : at.members(),
                false,
                "member snapshot");
    }

    /**
     * The answer to one terminal's lookup: the account HQ counted, or {@code known: false} when
     * HQ has none (never seen, or erased: the two look the same to a till).
     */
    public Outgoing memberAccount(
            Topics terminal, long version, String request, String card, Optional<MemberAccount> account) {
        ObjectNode payload = json.mapper().createObjectNode();
        payload.put("request", request);
        payload.put("card", card);
        payload.put("known", account.isPresent());
        account.ifPresent(balance -> putBalance(payload, balance));
        return sign(
                HqMessageCodec.Kind.MEMBER_ACCOUNT,
                Target.terminal(terminal.chain(), terminal.store(), terminal.terminal()),
                version,
                payload,
                terminal.lookupReply(),
                false,
                "member account");
    }

    private static void putBalance(ObjectNode payload, MemberAccount balance) {
        payload.put("points", balance.points());
        ObjectNode stamps = payload.putObject("stamps");
        balance.stamps().forEach(stamps::put);
        ObjectNode includes = payload.putObject("includes");
        balance.includes().forEach(includes::put);
    }

    public Outgoing vouchersRedeemed(String chain, long version, List<RedeemedVoucher> vouchers) {
        ObjectNode payload = json.mapper().createObjectNode();
        ArrayNode list = payload.putArray("vouchers");
        for (RedeemedVoucher v : vouchers) {
            list.addObject()
                    .put("reference", v.reference())
                    .put("terminal", v.first().terminal())
                    .put("at", v.first().wallTime());
        }
        return sign(
                HqMessageCodec.Kind.VOUCHERS_REDEEMED,
                Target.chain(chain),
                version,
                payload,
                topicsOf(Target.chain(chain)).members(),
                false,
                vouchers.size() + " redeemed vouchers");
    }

    private Outgoing sign(
            HqMessageCodec.Kind kind,
            Target target,
            long version,
            JsonNode payload,
            String topic,
            boolean retained,
            String what) {
        if (version < 1) {
            throw new HqException("--version must be 1 or more, was " + version);
        }
        byte[] bytes = codec.write(kind, target, version, wall.instant(), payload, signer.keyId(), signer.key());
        return new Outgoing(
                topic, Bytes.copyOf(bytes), retained, what + " version " + version + " for " + target.path());
    }

    private static String commandsTopic(Target target) {
        Topics at = topicsOf(target);
        if (target.terminal().isPresent()) {
            return at.terminalCommands();
        }
        return target.store().isPresent() ? at.storeCommands() : at.chainCommands();
    }

    /**
     * The target's levels in a {@link Topics}; a level the target leaves open is filled with a
     * placeholder that only per-terminal or per-store topics would use, and those are not asked for.
     */
    private static Topics topicsOf(Target target) {
        return new Topics(
                target.chain(),
                target.store().orElse("unused"),
                target.terminal().orElse("unused"));
    }
}
