package org.loyaltyterminal.sync.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message from HQ whose signature verified and whose content is well-formed. Each carries a
 * version that must be newer than the one in force for its {@link #versionScope()}; the terminal
 * checks and records that in the same transaction that applies the message.
 */
public sealed interface HqMessage {
    Target target();

    long version();

    Instant issuedAt();

    /** The key under which the terminal keeps the version in force for this kind of message. */
    String versionScope();

    /**
     * A complete campaign bundle for the target (chain or store), in the campaign format. Both
     * topics compete for one slot: HQ numbers bundle versions across the chain, and the newest
     * applies.
     */
    record CampaignBundle(Target target, long version, Instant issuedAt, String bundleJson) implements HqMessage {
        @Override
        public String versionScope() {
            return "campaigns";
        }
    }

    /** Delete a member's personal data and card identifiers; ledger rows keep a pseudonym. */
    record EraseMember(Target target, long version, Instant issuedAt, String card) implements HqMessage {
        @Override
        public String versionScope() {
            return "commands/" + target.path();
        }
    }

    /** Send every event from {@code sequence} on again (HQ lost or is rebuilding its copy). */
    record ResendFrom(Target target, long version, Instant issuedAt, long sequence) implements HqMessage {
        @Override
        public String versionScope() {
            return "commands/" + target.path();
        }
    }

    /**
     * HQ's confirmed balances of a member, earned at every till. {@code includes} says, per
     * terminal, up to which sequence that terminal's events are counted, so the till adds only
     * its own events HQ has not counted yet.
     */
    record MemberSnapshot(
            Target target,
            long version,
            Instant issuedAt,
            String card,
            long points,
            Map<String, Integer> stamps,
            Map<String, Long> includes)
            implements HqMessage {
        public MemberSnapshot {
            stamps = Map.copyOf(stamps);
            includes = Map.copyOf(includes);
        }

        @Override
        public String versionScope() {
            return "member/" + card;
        }

        public long includedUpTo(String terminal) {
            return includes.getOrDefault(terminal, 0L);
        }
    }

    /** Vouchers redeemed at other tills, so this one refuses them too. */
    record VouchersRedeemed(Target target, long version, Instant issuedAt, List<RedeemedElsewhere> vouchers)
            implements HqMessage {
        public VouchersRedeemed {
            vouchers = List.copyOf(vouchers);
        }

        @Override
        public String versionScope() {
            return "vouchers/" + target.path();
        }
    }

    record RedeemedElsewhere(String reference, String terminal, Instant at) {}
}
