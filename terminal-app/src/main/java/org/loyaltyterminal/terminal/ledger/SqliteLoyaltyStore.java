package org.loyaltyterminal.terminal.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.MemberState;
import org.sqlite.SQLiteConfig;

/**
 * The loyalty store in one SQLite file: the {@link SqliteSession} that owns the connection and its
 * transactions, the repositories on it (one per concern), and the WAL housekeeping, put together
 * behind {@link LoyaltyStore}. Every call but the scan's own two ({@link #commit}, {@link #referral})
 * is delegated; callers that need less depend on the narrow port instead.
 *
 * <p>See {@link SqliteFile} for durability (WAL, {@code synchronous=FULL}), {@link SqliteSession}
 * for the one writer and its transactions, and {@link WalHousekeeping} for checkpoints off the scan
 * path.
 */
public final class SqliteLoyaltyStore implements LoyaltyStore {
    private static final String MEMBER_EXISTS = LedgerRepository.MEMBER_EXISTS;
    private static final String RECEIPT_CREDITED = LedgerRepository.RECEIPT_CREDITED;
    /** A TIER_CHANGED row's reference: this prefix and the new tier's id ("none" below the lowest). */
    static final String TIER_REFERENCE = MemberHistoryRepository.TIER_REFERENCE;

    private final SqliteSession session;
    private final WalHousekeeping housekeeping;
    private final String terminalId;
    private final LedgerRepository ledger;
    private final ConsistencyCheck consistency;
    private final MemberRepository members;
    private final VoucherRepository vouchers;
    private final VoucherPrintRepository prints;
    private final RefundRepository refunds;

    private SqliteLoyaltyStore(SqliteSession session, WalHousekeeping housekeeping, String bootId) {
        this.session = session;
        this.housekeeping = housekeeping;
        this.terminalId = session.terminalId();
        this.ledger = new LedgerRepository(session, bootId);
        this.consistency = new ConsistencyCheck(session);
        this.members = new MemberRepository(session, ledger);
        this.vouchers = new VoucherRepository(session, ledger);
        this.prints = new VoucherPrintRepository(session, vouchers);
        this.refunds = new RefundRepository(session, ledger);
    }

    /**
     * Opens (creating if needed) the store and brings its schema up to date.
     *
     * @param terminalId the database is bound to the first terminal id that opened it: two ids
     *                   on one ledger would break the per-terminal sequence HQ de-duplicates on
     * @param bootId     this boot's id, recorded in every event
     */
    public static SqliteLoyaltyStore open(Path file, String terminalId, String bootId) {
        Connection connection = SqliteFile.openWritable(file, terminalId);
        Connection checkpointConnection;
        try {
            checkpointConnection = SqliteFile.connect(file);
        } catch (SQLException e) {
            SqliteFile.closeQuietly(connection);
            throw new StorageException(
                    "database " + file + " cannot be prepared: " + e.getMessage()
                            + "; if the file is damaged, restore a backup (the ledger cannot be rebuilt here)",
                    e);
        }
        SqliteSession session = new SqliteSession(file, terminalId, connection);
        return new SqliteLoyaltyStore(session, new WalHousekeeping(session, checkpointConnection), bootId);
    }

    /** The connection settings; also used by the benchmark's bare-commit floor. */
    public static SQLiteConfig config() {
        return SqliteFile.config();
    }

    /** The session the store's companions (outbox, HQ's updates) run on. */
    SqliteSession session() {
        return session;
    }

    /** The ledger the store's companions append to. */
    LedgerRepository ledger() {
        return ledger;
    }

    /** The session's connection as it is now (tests that tamper with rows). */
    Connection connection() {
        return session.connection();
    }

    @Override
    public synchronized <T> T inOneTransaction(String what, Supplier<T> work) {
        // the store's lock first, then the session's: the order commit() and referral() take them
        return session.inOneTransaction(what, work);
    }

    @Override
    public boolean isMember(String memberCard) {
        return ledger.isMember(memberCard);
    }

    @Override
    public MemberState memberState(String memberCard) {
        return memberState(memberCard, HistoryNeeds.ALL);
    }

    @Override
    public MemberState memberState(String memberCard, HistoryNeeds needs) {
        return ledger.memberState(memberCard, needs);
    }

    @Override
    public boolean receiptCredited(String receiptId) {
        return ledger.receiptCredited(receiptId);
    }

    @Override
    public List<LedgerEntry> recentEntries(String memberCard, int limit) {
        return ledger.recentEntries(memberCard, limit);
    }

    @Override
    public ConsistencyReport check() {
        return consistency.run();
    }

    @Override
    public LedgerEntry enrol(String memberCard, String visitId, EventTime time) {
        return members.enrol(memberCard, visitId, time);
    }

    @Override
    public Optional<String> memberForCard(String cardIdentity) {
        return members.memberForCard(cardIdentity);
    }

    @Override
    public List<LedgerEntry> linkCard(String cardIdentity, String memberCard, String visitId, EventTime time) {
        return members.linkCard(cardIdentity, memberCard, visitId, time);
    }

    @Override
    public Optional<LedgerEntry> unlinkCard(String cardIdentity, String visitId, EventTime time) {
        return members.unlinkCard(cardIdentity, visitId, time);
    }

    @Override
    public List<LedgerEntry> unlinkCardsOf(String memberCard, String reference, EventTime time) {
        return members.unlinkCardsOf(memberCard, reference, time);
    }

    @Override
    public void setBirthday(String memberCard, MonthDay birthday) {
        members.setBirthday(memberCard, birthday);
    }

    @Override
    public LedgerEntry adjustPoints(String memberCard, long delta, String reason, String operator, EventTime time) {
        return members.adjustPoints(memberCard, delta, reason, operator, time);
    }

    @Override
    public LedgerEntry buyReward(RewardPurchase purchase) {
        return vouchers.buyReward(purchase);
    }

    @Override
    public Optional<IssuedVoucher> issuedVoucher(String reference) {
        return vouchers.issuedVoucher(reference);
    }

    @Override
    public Optional<IssuedVoucher> lastIssuedVoucher() {
        return vouchers.lastIssuedVoucher();
    }

    @Override
    public Optional<RedeemedVoucher> redemption(String reference) {
        return vouchers.redemption(reference);
    }

    @Override
    public LedgerEntry redeem(VoucherRedemption redemption) {
        return vouchers.redeem(redemption);
    }

    @Override
    public VoucherPrint recordPrint(IssuedVoucher voucher, VoucherPrint.Kind kind, EventTime time) {
        return prints.recordPrint(voucher, kind, time);
    }

    @Override
    public void printEnded(long printId, VoucherPrint.State state, String detail, Instant at) {
        prints.printEnded(printId, state, detail, at);
    }

    @Override
    public List<VoucherPrint> unfinishedPrints() {
        return prints.unfinishedPrints();
    }

    @Override
    public RefundResult refund(Refund refund) {
        return refunds.refund(refund);
    }

    @Override
    public synchronized ReferralCommit.Result referral(ReferralCommit r) {
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

    @Override
    public synchronized List<LedgerEntry> commit(AwardCommit commit) {
        return write("record awards for member " + Redaction.mask(commit.memberCard()), () -> {
            if (commit instanceof AwardCommit.ReceiptCredit receipt && exists(RECEIPT_CREDITED, receipt.receiptId())) {
                throw new ReceiptAlreadyCreditedException(receipt.receiptId());
            }
            if (commit instanceof AwardCommit.VisitOpened) {
                PreparedStatement v = statement("""
                        INSERT INTO visits (visit_id, card_number, terminal_id, opened_at, clock_trusted)
                        VALUES (?, ?, ?, ?, ?)""");
                v.setString(1, commit.visitId());
                v.setString(2, commit.memberCard());
                v.setString(3, terminalId);
                v.setString(4, commit.time().wall().toString());
                v.setInt(5, commit.time().clockTrusted() ? 1 : 0);
                v.executeUpdate();
            }
            long firstSeq = nextSequence();
            List<LedgerEntry> entries = new ArrayList<>(commit.awards().size());
            long seq = firstSeq;
            Map<String, java.util.ArrayDeque<Award.Why>> voucherWhys = new HashMap<>();
            for (Award award : commit.awards()) {
                if (award instanceof Award.VoucherEarned earned) {
                    // its row is the VOUCHER_ISSUED below, from the grant
                    voucherWhys
                            .computeIfAbsent(earned.campaignId(), k -> new java.util.ArrayDeque<>())
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
                java.util.ArrayDeque<Award.Why> earned = voucherWhys.get(grant.source());
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
                    s.setNull(4, java.sql.Types.INTEGER);
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

    // The scan's two writes above keep their text; these hand their steps to the session and repositories.

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

    @Override
    public long outboxDepth() {
        return ledger.outboxDepth();
    }

    /** Copies committed WAL frames into the database file off the scan path (see {@link WalHousekeeping}). */
    @Override
    public void maintain() {
        housekeeping.maintain();
    }

    @Override
    public void close() {
        housekeeping.close();
        session.close();
    }

    /**
     * Runs {@code listener} after every transaction that wrote, on the writing thread and under
     * the session's lock: it must only hand over (the sync agent's nudge), never block.
     */
    public void afterEachWrite(Runnable listener) {
        session.afterEachWrite(listener);
    }

    @Override
    public long writeCommits() {
        return session.writeCommits();
    }

    /** The store's storage fault while writes fail; empty when the last write committed. */
    @Override
    public Optional<StorageFault> fault() {
        return session.fault();
    }
}
