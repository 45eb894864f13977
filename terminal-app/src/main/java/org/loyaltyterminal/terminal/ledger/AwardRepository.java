package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.core.engine.Award;

/**
 * The scan's writes: a visit's or receipt's awards ({@link AwardCommit}) and a referral
 * ({@link ReferralCommit}), each as one write on the session: the ledger rows, the balances, the
 * vouchers granted and the receipt's credit, or nothing.
 */
final class AwardRepository {
    private static final String MEMBER_EXISTS = LedgerRepository.MEMBER_EXISTS;
    private static final String RECEIPT_CREDITED = LedgerRepository.RECEIPT_CREDITED;
    private static final String TIER_REFERENCE = MemberHistoryRepository.TIER_REFERENCE;

    private final SqliteSession session;
    private final LedgerRepository ledger;
    private final VoucherRepository vouchers;
    private final String terminalId;

    AwardRepository(SqliteSession session, LedgerRepository ledger, VoucherRepository vouchers) {
        this.session = session;
        this.ledger = ledger;
        this.vouchers = vouchers;
        this.terminalId = session.terminalId();
    }

    ReferralCommit.Result referral(ReferralCommit r) {
        return write("record a referral for member " + Redaction.mask(r.newMember()), () -> {
            for (String card : List.of(r.newMember(), r.referrer())) {
                if (!exists(MEMBER_EXISTS, card)) {
                    return new ReferralCommit.Refused("member " + Redaction.mask(card)
                            + " is not enrolled on this terminal;" + " no referral recorded");
                }
            }
            if (exists(
                    "SELECT 1 FROM ledger WHERE card_number = ? AND kind = 'REFERRAL_BONUS' AND rule = '" + REFERRED
                            + "'",
                    r.newMember())) {
                return new ReferralCommit.Refused("member " + Redaction.mask(r.newMember())
                        + " was referred before; a referral counts once per new member, no change made");
            }
            LedgerEntry referred = new LedgerEntry(
                    nextSequence(),
                    terminalId,
                    Optional.of(r.newMember()),
                    LedgerKind.REFERRAL_BONUS,
                    Optional.empty(),
                    r.bundleVersion(),
                    0,
                    r.newMemberPoints(),
                    "referral",
                    r.visitId(),
                    r.time(),
                    new Award.Why(
                            REFERRED,
                            "referred by member " + Redaction.mask(r.referrer()),
                            !r.time().clockTrusted()));
            append(referred);
            LedgerEntry referrer = new LedgerEntry(
                    nextSequence(),
                    terminalId,
                    Optional.of(r.referrer()),
                    LedgerKind.REFERRAL_BONUS,
                    Optional.empty(),
                    r.bundleVersion(),
                    0,
                    r.referrerPoints(),
                    "referral",
                    r.visitId(),
                    r.time(),
                    new Award.Why(
                            "referral.referrer",
                            "referred new member " + Redaction.mask(r.newMember()),
                            !r.time().clockTrusted()));
            append(referrer);
            PreparedStatement u = statement("UPDATE members SET points = points + ? WHERE card_number = ?");
            for (LedgerEntry e : List.of(referred, referrer)) {
                u.setLong(1, e.pointsDelta());
                u.setString(2, e.memberCard());
                u.executeUpdate();
            }
            return new ReferralCommit.Recorded(List.of(referred, referrer));
        });
    }

    /** The rule of the new member's referral row: its presence means the member was referred. */
    static final String REFERRED = "referral.new-member";

    List<LedgerEntry> commit(AwardCommit commit) {
        return write("record awards for member " + Redaction.mask(commit.memberCard()), () -> {
            if (commit instanceof AwardCommit.ReceiptCredit receipt && exists(RECEIPT_CREDITED, receipt.receiptId())) {
                throw new ReceiptAlreadyCreditedException(receipt.receiptId());
            }
            if (commit instanceof AwardCommit.VisitOpened opened) {
                PreparedStatement v = statement("""
                        INSERT INTO visits (visit_id, card_number, terminal_id, opened_at, clock_trusted,
                                            balance_source, balance_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""");
                v.setString(1, commit.visitId());
                v.setString(2, commit.memberCard());
                v.setString(3, terminalId);
                v.setString(4, commit.time().wall().toString());
                v.setInt(5, commit.time().clockTrusted() ? 1 : 0);
                v.setString(6, opened.balance().source().column());
                if (opened.balance().millis().isPresent()) {
                    v.setLong(7, opened.balance().millis().getAsLong());
                } else {
                    v.setNull(7, Types.INTEGER);
                }
                v.executeUpdate();
            }
            long firstSeq = nextSequence();
            List<LedgerEntry> entries = new ArrayList<>(commit.awards().size());
            long seq = firstSeq;
            Map<String, ArrayDeque<Award.Why>> voucherWhys = new HashMap<>();
            for (Award award : commit.awards()) {
                if (award instanceof Award.VoucherEarned earned) {
                    // its row is the VOUCHER_ISSUED below, from the grant
                    voucherWhys
                            .computeIfAbsent(earned.campaignId(), k -> new ArrayDeque<>())
                            .add(earned.why());
                    continue;
                }
                LedgerEntry entry = new LedgerEntry(
                        seq++,
                        terminalId,
                        Optional.of(commit.memberCard()),
                        kindOf(award),
                        award.campaignId().isEmpty() ? Optional.empty() : Optional.of(award.campaignId()),
                        commit.bundleVersion(),
                        award.stampsDelta(),
                        award.pointsDelta(),
                        award instanceof Award.TierChanged t ? TIER_REFERENCE + t.to() : commit.reference(),
                        commit.visitId(),
                        commit.time(),
                        award.why());
                append(entry);
                applyToBalances(entry, award);
                entries.add(entry);
            }
            for (VoucherGrant grant : commit.vouchers()) {
                ArrayDeque<Award.Why> earned = voucherWhys.get(grant.source());
                Award.Why why = earned == null || earned.isEmpty()
                        ? new Award.Why(
                                "stamp-card.voucher", "reward " + grant.reward().id() + " for a completed card", false)
                        : earned.removeFirst();
                entries.add(issueInTransaction(
                        commit.memberCard(), commit.visitId(), grant, 0, commit.bundleVersion(), commit.time(), why));
            }
            if (commit instanceof AwardCommit.ReceiptCredit receipt) {
                PreparedStatement s = statement("""
                        INSERT INTO credited_receipts (receipt_id, seq, visit_id, amount_cents, through_seq)
                        VALUES (?, ?, ?, ?, ?)""");
                long last = lastSequence();
                s.setString(1, receipt.receiptId());
                s.setLong(2, entries.isEmpty() ? last : entries.getFirst().sequence());
                s.setString(3, receipt.visitId());
                if (receipt.amountCents().isPresent()) {
                    s.setLong(4, Math.max(0, receipt.amountCents().getAsLong()));
                } else {
                    s.setNull(4, Types.INTEGER);
                }
                s.setLong(5, last);
                s.executeUpdate();
            }
            return List.copyOf(entries);
        });
    }

    private static LedgerKind kindOf(Award award) {
        return switch (award) {
            case Award.StampsAwarded a -> LedgerKind.STAMPS;
            case Award.StampCardCompleted c -> LedgerKind.STAMP_CARD_COMPLETED;
            case Award.PointsAwarded p -> LedgerKind.POINTS;
            case Award.BonusAwarded b -> LedgerKind.BONUS;
            case Award.ActivityFlagged f -> LedgerKind.SUSPICIOUS_ACTIVITY;
            case Award.VoucherEarned v -> LedgerKind.VOUCHER_ISSUED;
            case Award.PointsExpired x -> LedgerKind.POINTS_EXPIRED;
            case Award.TierChanged t -> LedgerKind.TIER_CHANGED;
            case Award.StampsExpired x -> LedgerKind.STAMPS_EXPIRED;
        };
    }

    private <T> T write(String what, SqliteSession.Work<T> work) {
        return session.write(what, work);
    }

    private PreparedStatement statement(String sql) throws SQLException {
        return session.statement(sql);
    }

    private boolean exists(String sql, String key) throws SQLException {
        return session.exists(sql, key);
    }

    private long nextSequence() throws SQLException {
        return ledger.nextSequence();
    }

    private long lastSequence() throws SQLException {
        return ledger.lastSequence();
    }

    private void append(LedgerEntry e) throws SQLException {
        ledger.append(e);
    }

    private void applyToBalances(LedgerEntry entry, Award award) throws SQLException {
        ledger.applyToBalances(entry, award);
    }

    private LedgerEntry issueInTransaction(
            String memberCard,
            String visitId,
            VoucherGrant grant,
            long pointsDelta,
            long bundleVersion,
            EventTime time,
            Award.Why why)
            throws SQLException {
        return vouchers.issue(memberCard, visitId, grant, pointsDelta, bundleVersion, time, why);
    }
}
