package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.sync.inbound.HqMessage;
import org.loyaltyterminal.sync.inbound.InboundResult;
import org.loyaltyterminal.sync.inbound.Refusal;

/**
 * What HQ sends, applied to the store: each message in one transaction together with the
 * version it brings, and only when that version is newer than the one in force for its scope.
 * Runs on the store's {@link SqliteSession} under its lock, appending through its {@link LedgerRepository}.
 */
public final class SqliteHqUpdates {
    private static final String VISIT = "hq";

    private final SqliteSession session;
    private final LedgerRepository ledger;

    SqliteHqUpdates(SqliteSession session, LedgerRepository ledger) {
        this.session = session;
        this.ledger = ledger;
    }

    /** HQ's updates to {@code store}, on its session. */
    public SqliteHqUpdates(SqliteLoyaltyStore store) {
        this(store.session(), store.ledger());
    }

    /** A campaign bundle HQ sent, as stored. */
    public record StoredBundle(long version, String json, String target) {}

    public Optional<StoredBundle> campaignsInForce() {
        return session.read("read HQ's campaign bundle", () -> {
            PreparedStatement s =
                    session.statement("SELECT version, bundle, target FROM hq_campaigns WHERE slot = 'in-force'");
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredBundle(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        });
    }

    /** The version in force for {@code scope}, 0 when HQ never sent one. */
    public long versionInForce(String scope) {
        return session.read("read the version in force", () -> version(scope));
    }

    /**
     * Stores a campaign bundle already validated by the caller.
     *
     * @param floor the version of the bundle in force from the campaign file: HQ's must be newer
     */
    public InboundResult storeCampaigns(HqMessage.CampaignBundle message, long floor, EventTime time) {
        return session.write("store HQ's campaign bundle " + message.version(), () -> {
            long current = Math.max(floor, version(message.versionScope()));
            Optional<InboundResult> stale = stale(message.versionScope(), message.version(), current);
            if (stale.isPresent()) {
                return stale.get();
            }
            PreparedStatement s = session.statement("""
                    INSERT INTO hq_campaigns (slot, version, bundle, target, applied_at) VALUES ('in-force', ?, ?, ?, ?)
                    ON CONFLICT (slot) DO UPDATE SET version = excluded.version, bundle = excluded.bundle,
                        target = excluded.target, applied_at = excluded.applied_at""");
            s.setLong(1, message.version());
            s.setString(2, message.bundleJson());
            s.setString(3, message.target().path());
            s.setString(4, time.wall().toString());
            s.executeUpdate();
            recordVersion(message.versionScope(), message.version(), time);
            return new InboundResult.Applied(
                    message.versionScope(),
                    message.version(),
                    "campaign bundle for " + message.target().path());
        });
    }

    /** A command that changes nothing here but its version (resend-from: the outbox acts on it). */
    public InboundResult recordCommand(HqMessage message, EventTime time) {
        return session.write("record HQ command " + message.version(), () -> {
            Optional<InboundResult> stale =
                    stale(message.versionScope(), message.version(), version(message.versionScope()));
            if (stale.isPresent()) {
                return stale.get();
            }
            recordVersion(message.versionScope(), message.version(), time);
            return new InboundResult.Applied(message.versionScope(), message.version(), "command recorded");
        });
    }

    /**
     * Sets the member's balances to HQ's confirmed balances plus this terminal's own movements HQ
     * has not counted yet (those after {@code includes[this terminal]}). Local rows are never
     * rewritten: each difference is appended as an {@link LedgerKind#HQ_BALANCE} row.
     */
    public InboundResult applySnapshot(HqMessage.MemberSnapshot snapshot, EventTime time) {
        return session.write("apply HQ's balances of member " + Redaction.mask(snapshot.card()), () -> {
            Optional<InboundResult> stale =
                    stale(snapshot.versionScope(), snapshot.version(), version(snapshot.versionScope()));
            if (stale.isPresent()) {
                return stale.get();
            }
            int rows = takeOver(snapshot, "hq-snapshot-" + snapshot.version(), VISIT, time);
            recordVersion(snapshot.versionScope(), snapshot.version(), time);
            return new InboundResult.Applied(
                    masked(snapshot.versionScope(), snapshot.card()),
                    snapshot.version(),
                    rows + " balance row(s) appended");
        });
    }

    /**
     * HQ's answer to the lookup of the visit {@code visitId}, which arrived {@code millis} after the
     * question and within its budget: a known account is applied exactly as a {@link #applySnapshot
     * snapshot} (its rows belong to the visit and name the answer), and the visit records which
     * balance it used. An account HQ does not know changes no balance and records no version.
     */
    public InboundResult applyLookupAnswer(
            HqMessage.MemberAccount answer, String visitId, long millis, EventTime time) {
        return session.write("apply HQ's answer for member " + Redaction.mask(answer.card()), () -> {
            Optional<InboundResult> stale =
                    stale(answer.versionScope(), answer.version(), version(answer.versionScope()));
            if (stale.isPresent()) {
                return stale.get();
            }
            String summary;
            if (answer.known()) {
                int rows = takeOver(answer.asSnapshot(), "hq-lookup-" + answer.version(), visitId, time);
                recordVersion(answer.versionScope(), answer.version(), time);
                summary = "HQ answered in " + millis + " ms; " + rows + " balance row(s) appended";
            } else {
                summary = "HQ answered in " + millis + " ms that it holds no account for the card;"
                        + " this till's balance stands";
            }
            VisitBalance used = VisitBalance.answered(answer.known(), millis);
            PreparedStatement visit =
                    session.statement("UPDATE visits SET balance_source = ?, balance_ms = ? WHERE visit_id = ?");
            visit.setString(1, used.source().column());
            visit.setLong(2, millis);
            visit.setString(3, visitId);
            visit.executeUpdate();
            return new InboundResult.Applied(masked(answer.versionScope(), answer.card()), answer.version(), summary);
        });
    }

    private static String masked(String scope, String card) {
        return scope.replace(card, Redaction.mask(card));
    }

    /**
     * Sets the member's balances to the snapshot's plus this terminal's movements it did not count,
     * appending the differences as {@code HQ_BALANCE} rows under {@code reference} and {@code visitId}.
     * Inside a write; returns the rows appended.
     */
    private int takeOver(HqMessage.MemberSnapshot snapshot, String reference, String visitId, EventTime time)
            throws SQLException {
        String card = snapshot.card();
        long counted = snapshot.includedUpTo(session.terminalId());
        if (!session.exists("SELECT 1 FROM members WHERE card_number = ?", card)) {
            PreparedStatement enrol = session.statement(
                    "INSERT INTO members (card_number, status, enrolled_seq, points) VALUES (?, 'ACTIVE', 0, 0)");
            enrol.setString(1, card);
            enrol.executeUpdate();
        } else {
            PreparedStatement activate =
                    session.statement("UPDATE members SET status = 'ACTIVE' WHERE card_number = ?");
            activate.setString(1, card);
            activate.executeUpdate();
        }
        int rows = 0;
        long points = Math.max(0, Math.addExact(snapshot.points(), localSince(card, counted, Optional.empty())));
        MemberState before = ledger.balances(card);
        long pointsDelta = points - before.points();
        if (pointsDelta != 0) {
            PreparedStatement update = session.statement("UPDATE members SET points = ? WHERE card_number = ?");
            update.setLong(1, points);
            update.setString(2, card);
            update.executeUpdate();
            ledger.append(new LedgerEntry(
                    ledger.nextSequence(),
                    session.terminalId(),
                    card,
                    LedgerKind.HQ_BALANCE,
                    Optional.empty(),
                    0,
                    0,
                    pointsDelta,
                    reference,
                    visitId,
                    time));
            rows++;
        }
        TreeSet<String> campaigns = new TreeSet<>(snapshot.stamps().keySet());
        campaigns.addAll(before.stampsOnCard().keySet());
        for (String campaign : campaigns) {
            long stamps = Math.max(
                    0, snapshot.stamps().getOrDefault(campaign, 0) + localSince(card, counted, Optional.of(campaign)));
            long current = before.stampsOn(campaign);
            int delta = Math.toIntExact(stamps - current);
            if (delta == 0) {
                continue;
            }
            PreparedStatement upsert = session.statement("""
                    INSERT INTO stamp_cards (card_number, campaign_id, stamps, completed) VALUES (?, ?, ?, 0)
                    ON CONFLICT (card_number, campaign_id) DO UPDATE SET stamps = excluded.stamps""");
            upsert.setString(1, card);
            upsert.setString(2, campaign);
            upsert.setLong(3, stamps);
            upsert.executeUpdate();
            ledger.append(new LedgerEntry(
                    ledger.nextSequence(),
                    session.terminalId(),
                    card,
                    LedgerKind.HQ_BALANCE,
                    Optional.of(campaign),
                    0,
                    delta,
                    0,
                    reference,
                    visitId,
                    time));
            rows++;
        }
        return rows;
    }

    /** Vouchers redeemed at other tills: refused here from now on. A local redemption stays as it is. */
    public InboundResult recordRedeemedElsewhere(HqMessage.VouchersRedeemed message, EventTime time) {
        return session.write("record vouchers redeemed elsewhere", () -> {
            Optional<InboundResult> stale =
                    stale(message.versionScope(), message.version(), version(message.versionScope()));
            if (stale.isPresent()) {
                return stale.get();
            }
            int added = 0;
            for (HqMessage.RedeemedElsewhere voucher : message.vouchers()) {
                PreparedStatement s = session.statement("""
                        INSERT OR IGNORE INTO voucher_redemptions (reference, redeemed_seq, redeemed_at, source)
                        VALUES (?, 0, ?, ?)""");
                s.setString(1, voucher.reference());
                s.setString(2, voucher.at().toString());
                s.setString(3, "terminal " + voucher.terminal() + " (reported by HQ)");
                added += s.executeUpdate();
            }
            recordVersion(message.versionScope(), message.version(), time);
            return new InboundResult.Applied(
                    message.versionScope(),
                    message.version(),
                    added + " of " + message.vouchers().size() + " vouchers newly marked redeemed");
        });
    }

    /**
     * Erases a member: the card number leaves every table, the card links are deleted, and the
     * member's ledger rows, stamp cards, vouchers and waiting outbox events carry a pseudonym
     * instead. A {@link LedgerKind#MEMBER_ERASED} row tells HQ it is done (also when the card was
     * never seen here).
     */
    public InboundResult erase(HqMessage.EraseMember command, EventTime time) {
        return session.write("erase a member", () -> {
            Optional<InboundResult> stale =
                    stale(command.versionScope(), command.version(), version(command.versionScope()));
            if (stale.isPresent()) {
                return stale.get();
            }
            String card = command.card();
            // HQ's pseudonym, so its events and these rows name the erased member alike; else a random one.
            String pseudonym = command.pseudonym().orElseGet(() -> "erased-" + UUID.randomUUID());
            boolean known = session.exists("SELECT 1 FROM members WHERE card_number = ?", card);
            boolean taken = session.exists("SELECT 1 FROM members WHERE card_number = ?", pseudonym);
            if (taken && known) {
                // Two members under one pseudonym would merge their balances: refuse, change nothing.
                return new InboundResult.Refused(
                        Refusal.INVALID_CONTENT,
                        "pseudonym " + pseudonym + " already names an erased member on this terminal");
            }
            if (!taken) {
                PreparedStatement member = session.statement("""
                        INSERT INTO members (card_number, status, enrolled_seq, points)
                        SELECT ?, 'ACTIVE', COALESCE(MAX(enrolled_seq), 0), COALESCE(MAX(points), 0)
                        FROM members WHERE card_number = ?""");
                member.setString(1, pseudonym);
                member.setString(2, card);
                member.executeUpdate();
            }
            for (String sql : new String[] {
                "UPDATE stamp_cards SET card_number = ?1 WHERE card_number = ?2",
                "UPDATE vouchers SET card_number = ?1 WHERE card_number = ?2",
                "UPDATE visits SET card_number = ?1 WHERE card_number = ?2",
                "DELETE FROM card_links WHERE card_number = ?2 AND ?1 IS NOT NULL",
                "UPDATE ledger SET card_number = ?1 WHERE card_number = ?2",
                "UPDATE ledger SET reference = ?1 WHERE reference = ?2",
                "UPDATE outbox SET payload = json_set(payload, '$.member', ?1) WHERE json_extract(payload, '$.member') = ?2",
                "UPDATE outbox SET payload = json_set(payload, '$.reference', ?1) WHERE json_extract(payload, '$.reference') = ?2",
                "DELETE FROM hq_versions WHERE scope = 'member/' || ?2 AND ?1 IS NOT NULL",
                "DELETE FROM members WHERE card_number = ?2 AND ?1 IS NOT NULL"
            }) {
                PreparedStatement s = session.statement(sql);
                s.setString(1, pseudonym);
                s.setString(2, card);
                s.executeUpdate();
            }
            ledger.append(new LedgerEntry(
                    ledger.nextSequence(),
                    session.terminalId(),
                    pseudonym,
                    LedgerKind.MEMBER_ERASED,
                    Optional.empty(),
                    0,
                    0,
                    0,
                    "erase-" + command.version(),
                    VISIT,
                    time));
            recordVersion(command.versionScope(), command.version(), time);
            return new InboundResult.Applied(
                    command.versionScope(),
                    command.version(),
                    known
                            ? "member erased; rows now carry pseudonym " + pseudonym
                            : "card unknown here; erasure confirmed");
        });
    }

    /** Versions in force per scope, for the status message (member scopes left out: they name cards). */
    public Map<String, Long> versionsInForce() {
        return session.read("read the versions in force", () -> {
            Map<String, Long> versions = new LinkedHashMap<>();
            PreparedStatement s = session.statement(
                    "SELECT scope, version FROM hq_versions WHERE scope NOT LIKE 'member/%' ORDER BY scope");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                }
            }
            return versions;
        });
    }

    private Optional<InboundResult> stale(String scope, long version, long current) {
        if (version == current) {
            return Optional.of(new InboundResult.AlreadyInForce(scope, version));
        }
        if (version < current) {
            return Optional.of(new InboundResult.Refused(
                    Refusal.NOT_NEWER,
                    "version " + version + " of " + scope.replaceFirst("^member/.*", "member") + ", version " + current
                            + " is in force"));
        }
        return Optional.empty();
    }

    private long version(String scope) throws SQLException {
        PreparedStatement s = session.statement("SELECT version FROM hq_versions WHERE scope = ?");
        s.setString(1, scope);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void recordVersion(String scope, long version, EventTime time) throws SQLException {
        PreparedStatement s = session.statement("""
                INSERT INTO hq_versions (scope, version, applied_at) VALUES (?, ?, ?)
                ON CONFLICT (scope) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at""");
        s.setString(1, scope);
        s.setLong(2, version);
        s.setString(3, time.wall().toString());
        s.executeUpdate();
    }

    /** The member's own movements after {@code counted} (points, or one campaign's stamps), HQ rows excluded. */
    private long localSince(String card, long counted, Optional<String> campaign) throws SQLException {
        PreparedStatement s = session.statement(
                campaign.isEmpty()
                        ? "SELECT COALESCE(SUM(points_delta), 0) FROM ledger WHERE card_number = ? AND seq > ? AND kind <> 'HQ_BALANCE'"
                        : "SELECT COALESCE(SUM(stamps_delta), 0) FROM ledger WHERE card_number = ? AND seq > ? AND kind <> 'HQ_BALANCE'"
                                + " AND campaign_id = ?");
        s.setString(1, card);
        s.setLong(2, counted);
        if (campaign.isPresent()) {
            s.setString(3, campaign.get());
        }
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
