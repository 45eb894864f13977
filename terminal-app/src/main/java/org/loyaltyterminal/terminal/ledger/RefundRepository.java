package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.loyaltyterminal.core.account.RefundAccounting;
import org.loyaltyterminal.core.account.RefundStatement;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.RefundReversal;

/**
 * Refunds: reads what the refunded sale earned and what earlier refunds took back, lets the core
 * decide what this one takes ({@link RefundAccounting}, {@link RefundReversal}) and how its rows
 * read ({@link RefundStatement}), and writes the REFUND rows, in one transaction.
 */
final class RefundRepository implements RefundDesk {
    private final SqliteSession session;
    private final LedgerRepository ledger;

    RefundRepository(SqliteSession session, LedgerRepository ledger) {
        this.session = session;
        this.ledger = ledger;
    }

    @Override
    public RefundResult refund(Refund refund) {
        return session.write(
                "process refund " + refund.refundId() + " of receipt " + refund.originalReceiptId(), () -> {
                    PreparedStatement done =
                            session.statement("SELECT original_receipt FROM refunds WHERE refund_id = ?");
                    done.setString(1, refund.refundId());
                    try (ResultSet rs = done.executeQuery()) {
                        if (rs.next()) {
                            throw new RefundAlreadyProcessedException(refund.refundId(), rs.getString(1));
                        }
                    }
                    Original original = original(refund);
                    MemberState now = ledger.balances(original.memberCard());
                    List<RefundReversal.Taken> taken = RefundReversal.reverse(
                            RefundAccounting.earned(sale(original), takenBefore(refund.originalReceiptId())),
                            original.amountCents(),
                            refundedBefore(refund.originalReceiptId()),
                            refund.refundCents(),
                            now.points(),
                            now.stampsOnCard());
                    List<String> redeemed = voucherReferences(original, "VOUCHER_REDEEMED", Long.MAX_VALUE);
                    List<String> issued = voucherReferences(original, "VOUCHER_ISSUED", original.throughSeq());
                    RefundStatement statement = new RefundStatement(
                            refund.refundId(), refund.originalReceiptId(), refund.refundCents(), redeemed, issued);
                    boolean untrusted = !refund.time().clockTrusted();
                    List<LedgerEntry> entries = new ArrayList<>();
                    if (taken.isEmpty()) {
                        LedgerEntry nothing =
                                row(refund, original, Optional.empty(), 0, 0, statement.nothingLeft(untrusted));
                        ledger.append(nothing);
                        entries.add(nothing);
                    }
                    for (RefundReversal.Taken t : taken) {
                        LedgerEntry entry = row(
                                refund,
                                original,
                                Optional.of(t.campaignId()),
                                -t.stamps(),
                                -t.points(),
                                statement.reversal(t, untrusted));
                        ledger.append(entry);
                        if (t.points() > 0) {
                            ledger.addPoints(original.memberCard(), -t.points());
                        }
                        if (t.stamps() > 0) {
                            PreparedStatement u = session.statement(
                                    "UPDATE stamp_cards SET stamps = stamps + ? WHERE card_number = ? AND campaign_id = ?");
                            u.setInt(1, -t.stamps());
                            u.setString(2, original.memberCard());
                            u.setString(3, t.campaignId());
                            u.executeUpdate();
                        }
                        entries.add(entry);
                    }
                    PreparedStatement record = session.statement(
                            "INSERT INTO refunds (refund_id, original_receipt, amount_cents, seq) VALUES (?, ?, ?, ?)");
                    record.setString(1, refund.refundId());
                    record.setString(2, refund.originalReceiptId());
                    record.setLong(3, refund.refundCents());
                    record.setLong(4, entries.getFirst().sequence());
                    record.executeUpdate();
                    return new RefundResult(original.memberCard(), original.visitId(), entries, redeemed, issued);
                });
    }

    private LedgerEntry row(
            Refund refund, Original original, Optional<String> campaign, int stamps, long points, Award.Why why)
            throws SQLException {
        return new LedgerEntry(
                ledger.nextSequence(),
                ledger.terminalId(),
                Optional.of(original.memberCard()),
                LedgerKind.REFUND,
                campaign,
                refund.bundleVersion(),
                stamps,
                points,
                refund.refundId(),
                original.visitId(),
                refund.time(),
                why);
    }

    /** The sale a refund refers to: its member, visit, amount (when recorded) and last ledger row. */
    private record Original(String memberCard, String visitId, OptionalLong amountCents, long throughSeq) {}

    private Original original(Refund refund) throws SQLException {
        PreparedStatement s = session.statement("""
                SELECT COALESCE(c.visit_id, l.visit_id), COALESCE(v.card_number, l.card_number), c.amount_cents,
                       COALESCE(c.through_seq, 9223372036854775807)
                FROM credited_receipts c
                LEFT JOIN ledger l ON l.seq = c.seq
                LEFT JOIN visits v ON v.visit_id = c.visit_id
                WHERE c.receipt_id = ?""");
        s.setString(1, refund.originalReceiptId());
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next() || rs.getString(1) == null || rs.getString(2) == null) {
                throw new RefundRefusedException(
                        "refund " + refund.refundId() + ": receipt " + refund.originalReceiptId()
                                + " was not credited to a member at this terminal, so there is nothing to take back here;"
                                + " nothing was recorded (a refund at another till is for HQ)");
            }
            long amount = rs.getLong(3);
            OptionalLong amountCents = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(amount);
            return new Original(rs.getString(2), rs.getString(1), amountCents, rs.getLong(4));
        }
    }

    /** Per campaign, in the order the sale earned: its stamps and points (its visit, up to the receipt). */
    private List<RefundAccounting.SaleEarning> sale(Original original) throws SQLException {
        PreparedStatement s = session.statement("""
                SELECT campaign_id, SUM(CASE WHEN kind = 'STAMPS' THEN stamps_delta ELSE 0 END),
                       SUM(CASE WHEN kind = 'POINTS' THEN points_delta ELSE 0 END)
                FROM ledger WHERE visit_id = ? AND card_number = ? AND seq <= ? AND kind IN ('STAMPS', 'POINTS')
                                  AND campaign_id IS NOT NULL
                GROUP BY campaign_id ORDER BY MIN(seq)""");
        s.setString(1, original.visitId());
        s.setString(2, original.memberCard());
        s.setLong(3, original.throughSeq());
        List<RefundAccounting.SaleEarning> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new RefundAccounting.SaleEarning(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return rows;
    }

    /** Per campaign: what earlier refunds of the receipt took back. */
    private Map<String, RefundAccounting.TakenBack> takenBefore(String receiptId) throws SQLException {
        Map<String, RefundAccounting.TakenBack> reversed = new HashMap<>();
        PreparedStatement r = session.statement("""
                SELECT campaign_id, -SUM(stamps_delta), -SUM(points_delta) FROM ledger
                WHERE kind = 'REFUND' AND campaign_id IS NOT NULL
                  AND reference IN (SELECT refund_id FROM refunds WHERE original_receipt = ?)
                GROUP BY campaign_id""");
        r.setString(1, receiptId);
        try (ResultSet rs = r.executeQuery()) {
            while (rs.next()) {
                reversed.put(rs.getString(1), new RefundAccounting.TakenBack(rs.getLong(2), rs.getLong(3)));
            }
        }
        return reversed;
    }

    private long refundedBefore(String receiptId) throws SQLException {
        PreparedStatement before =
                session.statement("SELECT COALESCE(SUM(amount_cents), 0) FROM refunds WHERE original_receipt = ?");
        before.setString(1, receiptId);
        try (ResultSet rs = before.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> voucherReferences(Original original, String kind, long throughSeq) throws SQLException {
        PreparedStatement s = session.statement(
                "SELECT reference FROM ledger WHERE visit_id = ? AND kind = ? AND seq <= ? ORDER BY seq");
        s.setString(1, original.visitId());
        s.setString(2, kind);
        s.setLong(3, throughSeq);
        List<String> references = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                references.add(rs.getString(1));
            }
        }
        return references;
    }
}
