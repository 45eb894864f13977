package org.loyaltyterminal.terminal.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltyterminal.core.engine.HistoryNeeds;
import org.loyaltyterminal.core.engine.MemberState;
import org.sqlite.SQLiteConfig;

/**
 * The loyalty store in one SQLite file: the {@link SqliteSession} that owns the connection and its
 * transactions, the repositories on it (one per concern), and the WAL housekeeping, put together
 * behind {@link LoyaltyStore}. Every call is delegated; callers that need less depend on the narrow
 * port instead.
 *
 * <p>See {@link SqliteFile} for durability (WAL, {@code synchronous=FULL}), {@link SqliteSession}
 * for the one writer and its transactions, and {@link WalHousekeeping} for checkpoints off the scan
 * path.
 */
public final class SqliteLoyaltyStore implements LoyaltyStore {

    private final SqliteSession session;
    private final WalHousekeeping housekeeping;
    private final LedgerRepository ledger;
    private final ConsistencyCheck consistency;
    private final MemberRepository members;
    private final VoucherRepository vouchers;
    private final VoucherPrintRepository prints;
    private final RefundRepository refunds;
    private final AwardRepository awards;

    private SqliteLoyaltyStore(SqliteSession session, WalHousekeeping housekeeping, String bootId) {
        this.session = session;
        this.housekeeping = housekeeping;
        this.ledger = new LedgerRepository(session, bootId);
        this.consistency = new ConsistencyCheck(session);
        this.members = new MemberRepository(session, ledger);
        this.vouchers = new VoucherRepository(session, ledger);
        this.prints = new VoucherPrintRepository(session, vouchers);
        this.refunds = new RefundRepository(session, ledger);
        this.awards = new AwardRepository(session, ledger, vouchers);
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
    public <T> T inOneTransaction(String what, Supplier<T> work) {
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
    public ReferralCommit.Result referral(ReferralCommit referral) {
        return awards.referral(referral);
    }

    @Override
    public List<LedgerEntry> commit(AwardCommit commit) {
        return awards.commit(commit);
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
