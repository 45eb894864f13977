package org.loyaltyterminal.sync.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

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

    /**
     * Delete a member's personal data and card identifiers; ledger rows keep a pseudonym. HQ names
     * the pseudonym, so that its own pseudonymised events and the till's rows carry the same one;
     * without it the till draws a random one.
     */
    record EraseMember(Target target, long version, Instant issuedAt, String card, Optional<String> pseudonym)
            implements HqMessage {
        /** What a pseudonym looks like; the ledger's erasure trigger accepts exactly the {@code erased-} prefix. */
        public static final Pattern PSEUDONYM = Pattern.compile("erased-[A-Za-z0-9-]{1,64}");

        public EraseMember {
            if (pseudonym.isPresent() && !PSEUDONYM.matcher(pseudonym.get()).matches()) {
                throw new IllegalArgumentException("a pseudonym must match " + PSEUDONYM.pattern());
            }
        }

        /** An erasure under a pseudonym of the till's choosing. */
        public EraseMember(Target target, long version, Instant issuedAt, String card) {
            this(target, version, issuedAt, card, Optional.empty());
        }

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

    /**
     * HQ's answer to one of this terminal's balance questions ({@code lookup}): the member's
     * confirmed balances as in a {@link MemberSnapshot}, or {@code known = false} (no points, stamps
     * or includes) when HQ holds no account for the card. Shares the snapshots' version scope, so
     * whichever is newer wins.
     */
    record MemberAccount(
            Target target,
            long version,
            Instant issuedAt,
            UUID request,
            String card,
            boolean known,
            long points,
            Map<String, Integer> stamps,
            Map<String, Long> includes)
            implements HqMessage {
        public MemberAccount {
            stamps = Map.copyOf(stamps);
            includes = Map.copyOf(includes);
            if (!known && (points != 0 || !stamps.isEmpty() || !includes.isEmpty())) {
                throw new IllegalArgumentException("an account HQ does not know has no balance");
            }
        }

        /** The answer "HQ holds no account for this card". */
        public static MemberAccount unknown(Target target, long version, Instant issuedAt, UUID request, String card) {
            return new MemberAccount(target, version, issuedAt, request, card, false, 0, Map.of(), Map.of());
        }

        @Override
        public String versionScope() {
            return "member/" + card;
        }

        public long includedUpTo(String terminal) {
            return includes.getOrDefault(terminal, 0L);
        }

        /** The balances as a snapshot, to be applied exactly as one; only for a known account. */
        public MemberSnapshot asSnapshot() {
            if (!known) {
                throw new IllegalStateException("HQ knows no account for this card: there is no balance to apply");
            }
            return new MemberSnapshot(target, version, issuedAt, card, points, stamps, includes);
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
