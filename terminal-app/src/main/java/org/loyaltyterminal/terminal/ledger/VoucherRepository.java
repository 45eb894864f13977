package org.loyaltyterminal.terminal.ledger;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.loyaltyterminal.core.account.RewardPurchaseDecision;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.loyaltyterminal.core.voucher.VoucherNumbering;

/** The vouchers this terminal issues and the redemptions it records: their rows, numbers and ledger rows. */
final class VoucherRepository implements VoucherStore {
    private static final String VOUCHER_COLUMNS = """
            SELECT terminal_number, sequence, valid_through, reward_slot, reward_id, reward_text, value_cents, scope,
                   terms, card_number, issued_seq, issued_at FROM vouchers""";

    private final SqliteSession session;
    private final LedgerRepository ledger;
    /** Draws a fresh database's first voucher number. */
    private final SecureRandom random = new SecureRandom();

    VoucherRepository(SqliteSession session, LedgerRepository ledger) {
        this.session = session;
        this.ledger = ledger;
    }

    @Override
    public LedgerEntry buyReward(RewardPurchase purchase) {
        return session.write("buy a reward for member " + Redaction.mask(purchase.memberCard()), () -> {
            long balance = ledger.points(purchase.memberCard()).orElse(0L);
            return switch (RewardPurchaseDecision.decide(purchase.grant().reward(), purchase.cost(), balance)) {
                case RewardPurchaseDecision.Refused refused ->
                    throw new NotEnoughPointsException(
                            purchase.grant().reward().text(), refused.cost(), refused.balance());
                case RewardPurchaseDecision.Bought bought ->
                    issue(
                            purchase.memberCard(),
                            purchase.visitId(),
                            purchase.grant(),
                            -bought.spent(),
                            purchase.bundleVersion(),
                            purchase.time(),
                            bought.why());
            };
        });
    }

    /** Allocates the voucher's number, records the voucher and appends its VOUCHER_ISSUED row, inside a transaction. */
    LedgerEntry issue(
            String memberCard,
            String visitId,
            VoucherGrant grant,
            long pointsDelta,
            long bundleVersion,
            EventTime time,
            Award.Why why)
            throws SQLException {
        VoucherCode code = new VoucherCode(
                grant.terminalNumber(),
                nextVoucherSequence(),
                grant.validThrough(),
                grant.reward().slot());
        LedgerEntry entry = new LedgerEntry(
                ledger.nextSequence(),
                ledger.terminalId(),
                Optional.of(memberCard),
                LedgerKind.VOUCHER_ISSUED,
                Optional.of(grant.source()),
                bundleVersion,
                0,
                pointsDelta,
                code.reference(),
                visitId,
                time,
                why);
        PreparedStatement insert = session.statement("""
                INSERT INTO vouchers (reference, terminal_number, sequence, valid_through, reward_slot, reward_id,
                                      reward_text, value_cents, scope, terms, card_number, issued_seq, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        insert.setString(1, code.reference());
        insert.setInt(2, code.terminal());
        insert.setInt(3, code.sequence());
        insert.setString(4, code.validThrough().toString());
        insert.setInt(5, code.rewardSlot());
        insert.setString(6, grant.reward().id());
        insert.setString(7, grant.reward().text());
        insert.setLong(8, grant.reward().valueCents());
        insert.setString(9, grant.reward().scope().name());
        insert.setString(10, grant.reward().terms().orElse(null));
        insert.setString(11, memberCard);
        insert.setLong(12, entry.sequence());
        insert.setString(13, time.wall().toString());
        insert.executeUpdate();
        ledger.append(
                entry,
                Optional.of(new OutboxEvents.VoucherFacts(
                        code, grant.reward().id(), grant.reward().valueCents(), true)));
        if (pointsDelta != 0 && !ledger.addPoints(memberCard, pointsDelta)) {
            throw new StorageException("member " + Redaction.mask(memberCard)
                    + " is not enrolled; enrol the card before issuing a voucher");
        }
        return entry;
    }

    /** The next voucher number of this terminal (see {@link VoucherNumbering}); the first is drawn at random. */
    private int nextVoucherSequence() throws SQLException {
        int next;
        PreparedStatement select = session.statement("SELECT value FROM meta WHERE key = 'voucher_next_sequence'");
        try (ResultSet rs = select.executeQuery()) {
            next = rs.next()
                    ? Integer.parseInt(rs.getString(1))
                    : VoucherNumbering.first(random.nextInt(VoucherNumbering.RANGE));
        }
        PreparedStatement upsert = session.statement("""
                INSERT INTO meta (key, value) VALUES ('voucher_next_sequence', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value""");
        upsert.setString(1, Integer.toString(VoucherNumbering.after(next)));
        upsert.executeUpdate();
        return next;
    }

    @Override
    public Optional<IssuedVoucher> issuedVoucher(String reference) {
        return session.read("look up a voucher", () -> voucher(reference));
    }

    /** The voucher by its reference, inside a transaction. */
    Optional<IssuedVoucher> voucher(String reference) throws SQLException {
        PreparedStatement s = session.statement(VOUCHER_COLUMNS + " WHERE reference = ?");
        s.setString(1, reference);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(issuedVoucher(rs)) : Optional.empty();
        }
    }

    @Override
    public Optional<IssuedVoucher> lastIssuedVoucher() {
        return session.read("look up the last voucher", () -> {
            PreparedStatement s = session.statement(VOUCHER_COLUMNS + " ORDER BY issued_seq DESC LIMIT 1");
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(issuedVoucher(rs)) : Optional.empty();
            }
        });
    }

    private static IssuedVoucher issuedVoucher(ResultSet rs) throws SQLException {
        VoucherCode code = new VoucherCode(rs.getInt(1), rs.getInt(2), LocalDate.parse(rs.getString(3)), rs.getInt(4));
        return new IssuedVoucher(
                code,
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                RewardScope.valueOf(rs.getString(8)),
                Optional.ofNullable(rs.getString(9)),
                rs.getString(10),
                rs.getLong(11),
                Instant.parse(rs.getString(12)));
    }

    @Override
    public Optional<RedeemedVoucher> redemption(String reference) {
        return session.read("look up a redemption", () -> redeemed(reference));
    }

    private Optional<RedeemedVoucher> redeemed(String reference) throws SQLException {
        PreparedStatement s = session.statement(
                "SELECT redeemed_seq, redeemed_at, source FROM voucher_redemptions WHERE reference = ?");
        s.setString(1, reference);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next()
                    ? Optional.of(new RedeemedVoucher(
                            reference, rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3)))
                    : Optional.empty();
        }
    }

    @Override
    public LedgerEntry redeem(VoucherRedemption r) {
        return session.write("redeem " + r.code().label(), () -> {
            Optional<RedeemedVoucher> earlier = redeemed(r.code().reference());
            if (earlier.isPresent()) {
                throw new VoucherAlreadyRedeemedException(earlier.get());
            }
            LedgerEntry entry = new LedgerEntry(
                    ledger.nextSequence(),
                    ledger.terminalId(),
                    r.member(),
                    LedgerKind.VOUCHER_REDEEMED,
                    Optional.of(r.rewardId()),
                    r.bundleVersion(),
                    0,
                    0,
                    r.code().reference(),
                    r.visitId(),
                    r.time());
            PreparedStatement s = session.statement(
                    "INSERT INTO voucher_redemptions (reference, redeemed_seq, redeemed_at, source) VALUES (?, ?, ?, ?)");
            s.setString(1, r.code().reference());
            s.setLong(2, entry.sequence());
            s.setString(3, r.time().wall().toString());
            s.setString(4, "this terminal");
            s.executeUpdate();
            ledger.append(
                    entry,
                    Optional.of(new OutboxEvents.VoucherFacts(r.code(), r.rewardId(), r.valueCents(), r.issuedHere())));
            return entry;
        });
    }
}
