package org.loyaltyterminal.terminal.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.account.PointsAdjustment;
import org.loyaltyterminal.core.engine.Award;

/** Members and what belongs to them but the points they earn: enrolment, linked cards, birthday, adjustments. */
final class MemberRepository implements MemberAccounts {
    private final SqliteSession session;
    private final LedgerRepository ledger;

    MemberRepository(SqliteSession session, LedgerRepository ledger) {
        this.session = session;
        this.ledger = ledger;
    }

    @Override
    public LedgerEntry enrol(String memberCard, String visitId, EventTime time) {
        return session.write(
                "enrol member " + Redaction.mask(memberCard), () -> enrolInTransaction(memberCard, visitId, time));
    }

    /** Enrols an unknown card as a provisional member, inside the running transaction. */
    LedgerEntry enrolInTransaction(String memberCard, String visitId, EventTime time) throws SQLException {
        long seq = ledger.nextSequence();
        PreparedStatement s = session.statement(
                "INSERT INTO members (card_number, status, enrolled_seq, points) VALUES (?, 'PROVISIONAL', ?, 0)");
        s.setString(1, memberCard);
        s.setLong(2, seq);
        s.executeUpdate();
        LedgerEntry entry = new LedgerEntry(
                seq,
                ledger.terminalId(),
                memberCard,
                LedgerKind.ENROLLED,
                Optional.empty(),
                0,
                0,
                0,
                memberCard,
                visitId,
                time);
        ledger.append(entry);
        return entry;
    }

    @Override
    public Optional<String> memberForCard(String cardIdentity) {
        return session.read("look up a card", () -> linkedMember(cardIdentity));
    }

    private Optional<String> linkedMember(String cardIdentity) throws SQLException {
        PreparedStatement s = session.statement("SELECT card_number FROM card_links WHERE card_identity = ?");
        s.setString(1, cardIdentity);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    @Override
    public List<LedgerEntry> linkCard(String cardIdentity, String memberCard, String visitId, EventTime time) {
        return session.write("link a card to member " + Redaction.mask(memberCard), () -> {
            List<LedgerEntry> entries = new ArrayList<>(3);
            if (!session.exists(LedgerRepository.MEMBER_EXISTS, memberCard)) {
                entries.add(enrolInTransaction(memberCard, visitId, time));
            }
            Optional<String> previous = linkedMember(cardIdentity);
            if (previous.isPresent() && previous.get().equals(memberCard)) {
                return List.copyOf(entries);
            }
            if (previous.isPresent()) {
                entries.add(unlinkInTransaction(cardIdentity, previous.get(), visitId, time));
            }
            LedgerEntry linked = cardRow(LedgerKind.CARD_LINKED, cardIdentity, memberCard, visitId, time);
            PreparedStatement s = session.statement(
                    "INSERT INTO card_links (card_identity, card_number, linked_seq) VALUES (?, ?, ?)");
            s.setString(1, cardIdentity);
            s.setString(2, memberCard);
            s.setLong(3, linked.sequence());
            s.executeUpdate();
            ledger.append(linked);
            entries.add(linked);
            return List.copyOf(entries);
        });
    }

    @Override
    public Optional<LedgerEntry> unlinkCard(String cardIdentity, String visitId, EventTime time) {
        return session.write("unlink a card", () -> {
            Optional<String> member = linkedMember(cardIdentity);
            if (member.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(unlinkInTransaction(cardIdentity, member.get(), visitId, time));
        });
    }

    @Override
    public List<LedgerEntry> unlinkCardsOf(String memberCard, String reference, EventTime time) {
        return session.write("unlink the cards of member " + Redaction.mask(memberCard), () -> {
            List<String> identities = new ArrayList<>();
            PreparedStatement s =
                    session.statement("SELECT card_identity FROM card_links WHERE card_number = ? ORDER BY linked_seq");
            s.setString(1, memberCard);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    identities.add(rs.getString(1));
                }
            }
            List<LedgerEntry> entries = new ArrayList<>(identities.size());
            for (String identity : identities) {
                entries.add(unlinkInTransaction(identity, memberCard, reference, time));
            }
            return List.copyOf(entries);
        });
    }

    private LedgerEntry unlinkInTransaction(String cardIdentity, String memberCard, String visitId, EventTime time)
            throws SQLException {
        PreparedStatement s = session.statement("DELETE FROM card_links WHERE card_identity = ?");
        s.setString(1, cardIdentity);
        s.executeUpdate();
        LedgerEntry entry = cardRow(LedgerKind.CARD_UNLINKED, cardIdentity, memberCard, visitId, time);
        ledger.append(entry);
        return entry;
    }

    private LedgerEntry cardRow(LedgerKind kind, String cardIdentity, String memberCard, String visitId, EventTime time)
            throws SQLException {
        return new LedgerEntry(
                ledger.nextSequence(),
                ledger.terminalId(),
                memberCard,
                kind,
                Optional.empty(),
                0,
                0,
                0,
                cardIdentity,
                visitId,
                time);
    }

    @Override
    public void setBirthday(String memberCard, MonthDay birthday) {
        session.write("record the birthday of member " + Redaction.mask(memberCard), () -> {
            PreparedStatement s = session.statement("UPDATE members SET birthday = ? WHERE card_number = ?");
            s.setString(1, birthday.toString());
            s.setString(2, memberCard);
            if (s.executeUpdate() != 1) {
                throw new AdjustmentRefusedException(
                        "member " + Redaction.mask(memberCard) + " is not enrolled; nothing was recorded");
            }
            return null;
        });
    }

    @Override
    public LedgerEntry adjustPoints(String memberCard, long delta, String reason, String operator, EventTime time) {
        if (delta == 0 || reason.isBlank() || operator.isBlank()) {
            throw new IllegalArgumentException(
                    "an adjustment needs a non-zero number of points, a reason and the operator's id");
        }
        return session.write("adjust the points of member " + Redaction.mask(memberCard), () -> {
            long balance = ledger.points(memberCard)
                    .orElseThrow(() -> new AdjustmentRefusedException(
                            "member " + Redaction.mask(memberCard) + " is not enrolled; nothing was recorded"));
            Optional<String> refusal = PointsAdjustment.refusal(Redaction.mask(memberCard), balance, delta);
            if (refusal.isPresent()) {
                throw new AdjustmentRefusedException(refusal.get());
            }
            LedgerEntry entry = new LedgerEntry(
                    ledger.nextSequence(),
                    ledger.terminalId(),
                    Optional.of(memberCard),
                    LedgerKind.ADJUSTMENT,
                    Optional.empty(),
                    0,
                    0,
                    delta,
                    "operator:" + operator,
                    "manual",
                    time,
                    new Award.Why("manual.adjustment", reason, !time.clockTrusted()));
            ledger.append(entry);
            ledger.addPoints(memberCard, delta);
            return entry;
        });
    }
}
