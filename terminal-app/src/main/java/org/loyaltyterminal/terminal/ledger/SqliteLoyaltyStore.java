package org.loyaltyterminal.terminal.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.campaign.RewardScope;
import org.loyaltyterminal.core.engine.Award;
import org.loyaltyterminal.core.engine.MemberHistory;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.RefundReversal;
import org.loyaltyterminal.core.voucher.VoucherCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The loyalty store in one SQLite file.
 *
 * <p>Durability: WAL journal with {@code synchronous=FULL}. In WAL mode, NORMAL is safe against a
 * crash of the process but may lose the last commits on power loss, because the WAL is not synced
 * at each commit. The cashier is told "accepted" only after a commit, and that promise must hold
 * when the till's plug is pulled, so every commit is synced. One fsync per scan is cheap next to
 * a cashier's pace; the benchmark measures it against a bare commit.
 *
 * <p>One writer: the daemon holds a lock file on its data folder, so no second process writes
 * this file (the {@code check} command only reads, and WAL lets it read while the daemon
 * writes). Transactions therefore stay DEFERRED: an IMMEDIATE mode would be re-armed by the
 * driver right after every commit and hold the write lock for the daemon's whole life.
 *
 * <p>Checkpoints run off the scan path. SQLite's automatic checkpoint would copy the WAL into
 * the database file (and sync it) inside whichever commit crosses 1000 pages, about one scan in
 * a hundred here: a latency spike the cashier would feel. Automatic checkpoints are off; the
 * daemon's housekeeping calls {@link #maintain()} every second, which checkpoints PASSIVE on a
 * connection of its own, never blocking a scan's transaction.
 *
 * <p>A PASSIVE checkpoint alone lets the WAL grow without end under steady scanning. The WAL
 * starts over only at a transaction that begins when every frame has been copied; with scans
 * back to back, one is always open, and it commits new frames behind each pass. Appending to an
 * ever longer file makes each commit's sync also journal the file's growth (measured: a third
 * more per commit at the median). So when the WAL is past {@link #LOCKED_CHECKPOINT_WAL_FRAMES}
 * after the lock-free pass, a second pass runs under the scan path's lock: it copies only the
 * frames committed during the first, so it holds a scan up for a moment at most once a second,
 * and the next scan's transaction, finding every frame copied, starts the WAL over. {@code journal_size_limit} then
 * cuts a WAL that grew in a rush back to {@link #WAL_SIZE_LIMIT_BYTES}.
 *
 * <p>One connection for the scan path, used under this object's lock: it is single-threaded anyway.
 */
public final class SqliteLoyaltyStore implements LoyaltyStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteLoyaltyStore.class);
    private static final String MEMBER_EXISTS = "SELECT 1 FROM members WHERE card_number = ?";
    /** A TIER_CHANGED row's reference: this prefix and the new tier's id ("none" below the lowest). */
    static final String TIER_REFERENCE = "tier:";

    private static final String RECEIPT_CREDITED = "SELECT 1 FROM credited_receipts WHERE receipt_id = ?";
    /**
     * WAL frames (pages of 4 KiB) past which a checkpoint that could not copy everything finishes
     * under the scan path's lock: a second of steady scanning writes a few thousand. A quiet till
     * never gets there, and its checkpoints complete on their own between scans.
     */
    static final int LOCKED_CHECKPOINT_WAL_FRAMES = 1_000;

    private static final int BUSY_TIMEOUT_MS = 5_000;
    /** A write that changes nothing once rolled back or deleted: tells whether the file takes writes. */
    private static final String WRITE_PROBE = "INSERT OR REPLACE INTO meta (key, value) VALUES ('write_probe', 'x')";
    /**
     * What a reset WAL is cut back to, in bytes. Above what a second of steady scanning writes
     * (about 30 MB on the bench): a WAL cut below that would grow again, paying for the growth, on
     * every commit until the next reset.
     */
    static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    private final Path file;
    private final String terminalId;
    /** Replaced only when a failed transaction left it unusable (see {@link #recover}). */
    private Connection connection;

    private final Connection checkpointConnection;
    private final OutboxEvents events;
    /** Prepared once, reused for every scan: preparing costs more than running these statements. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** A unit of work ({@link #inOneTransaction}) is running: store calls join its transaction. */
    private boolean inUnit;
    /** The running unit of work has written: its commit is a write that clears a fault. */
    private boolean unitWrote;
    /** Writes fail; set by the first failed write, cleared by the next one that commits. Read by the status page. */
    private volatile StorageFault fault;
    /** The connection must be opened again before the next transaction. */
    private boolean broken;
    /** The last checkpoint failed: the next failure is not logged again. Housekeeping thread only. */
    private boolean checkpointFailing;
    /** Told after every transaction that wrote: the sync agent's nudge, so events leave without polling. */
    private volatile Runnable afterWrite = () -> {};
    /** Transactions that wrote and committed since open: each is one sync of the WAL (synchronous=FULL). */
    private volatile long writeCommits;

    private final InstantSource wallClock = InstantSource.system();

    String terminalId() {
        return terminalId;
    }

    Connection connection() {
        return connection;
    }

    /** Also {@link ReadOnlyLedger}'s way in, over read-only connections it has checked. */
    SqliteLoyaltyStore(
            Path file, String terminalId, String bootId, Connection connection, Connection checkpointConnection) {
        this.file = file;
        this.terminalId = terminalId;
        this.events = new OutboxEvents(bootId);
        this.connection = connection;
        this.checkpointConnection = checkpointConnection;
    }

    /**
     * Opens (creating if needed) the store and brings its schema up to date.
     *
     * @param terminalId the database is bound to the first terminal id that opened it: two ids
     *                   on one ledger would break the per-terminal sequence HQ de-duplicates on
     * @param bootId     this boot's id, recorded in every event
     */
    public static SqliteLoyaltyStore open(Path file, String terminalId, String bootId) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StorageException("data folder " + file.getParent() + " cannot be created (" + e.getMessage()
                    + "); check data.dir and the service user's rights");
        }
        Connection connection;
        try {
            connection = config().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StorageException(
                    "database " + file + " cannot be opened: " + e.getMessage()
                            + "; check the path, free disk space and the service user's rights",
                    e);
        }
        try {
            verifyJournalMode(connection, file);
            int before = Migrations.migrate(connection, file.toString());
            if (before < Migrations.LATEST) {
                log.info("database {}: schema upgraded from version {} to {}", file, before, Migrations.LATEST);
            }
            bindTerminal(connection, file, terminalId);
            verifyWritable(connection, file);
            connection.setAutoCommit(false);
            Connection checkpointConnection = config().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            return new SqliteLoyaltyStore(file, terminalId, bootId, connection, checkpointConnection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(
                    "database " + file + " cannot be prepared: " + e.getMessage()
                            + "; if the file is damaged, restore a backup (the ledger cannot be rebuilt here)",
                    e);
        }
    }

    /** The connection settings; also used by the benchmark's bare-commit floor. */
    public static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setWalAutocheckpoint(0);
        config.setJournalSizeLimit((int) WAL_SIZE_LIMIT_BYTES);
        return config;
    }

    private static void verifyJournalMode(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            String mode = rs.next() ? rs.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StorageException("database " + file + " runs in journal mode '" + mode
                        + "' instead of WAL; put data.dir on a local file system (not NFS or a FAT stick)");
            }
        }
    }

    /**
     * SQLite opens a file it may not write read-only without a word, and the first scan would be
     * refused: the daemon must not report ready on such a file.
     */
    private static void verifyWritable(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // in WAL mode a read-only file takes BEGIN IMMEDIATE and refuses only the first page written
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute(WRITE_PROBE);
            } finally {
                s.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == 8 || String.valueOf(e.getMessage()).contains("readonly")) {
                throw new StorageException(
                        "database " + file + " is read-only for user " + System.getProperty("user.name")
                                + "; give the service user write access to it, its -wal and -shm files and its folder "
                                + "(chown loyalty: " + file.toAbsolutePath().getParent() + " and the files in it)",
                        e);
            }
            throw e;
        }
    }

    private static void bindTerminal(Connection connection, Path file, String terminalId) throws SQLException {
        Optional<String> bound = boundTerminal(connection);
        if (bound.isPresent()) {
            if (!bound.get().equals(terminalId)) {
                throw otherTerminal(file, bound.get(), terminalId);
            }
            return;
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO meta (key, value) VALUES ('terminal_id', ?)")) {
            insert.setString(1, terminalId);
            insert.executeUpdate();
        }
    }

    /** The terminal id the database was bound to at its first open; empty before. */
    static Optional<String> boundTerminal(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT value FROM meta WHERE key = 'terminal_id'");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    static StorageException otherTerminal(Path file, String bound, String terminalId) {
        return new StorageException("database " + file + " belongs to terminal '" + bound + "' but terminal.id is '"
                + terminalId + "'; use that terminal's id, or point data.dir at a new folder for a new terminal");
    }

    @Override
    public synchronized boolean isMember(String memberCard) {
        return read("look up a member", () -> exists(MEMBER_EXISTS, memberCard));
    }

    @Override
    public synchronized MemberState memberState(String memberCard) {
        return memberState(memberCard, org.loyaltyterminal.core.engine.HistoryNeeds.ALL);
    }

    @Override
    public synchronized MemberState memberState(String memberCard, org.loyaltyterminal.core.engine.HistoryNeeds needs) {
        return read("read a member's balances", () -> {
            MemberState balances = balances(memberCard);
            return new MemberState(balances.points(), balances.stampsOnCard(), history(memberCard, needs));
        });
    }

    /**
     * The member's past as the rules need it: birthday, the last 400 visits, all-time tallies per
     * campaign and the last 1000 award rows (per-visit and per-day limits, the minimum interval).
     * Bounded by rows, not by a clock: the store never reads the time.
     */
    private MemberHistory history(String memberCard, org.loyaltyterminal.core.engine.HistoryNeeds needs)
            throws SQLException {
        Optional<MonthDay> birthday = Optional.empty();
        PreparedStatement b = statement("SELECT birthday FROM members WHERE card_number = ?");
        b.setString(1, memberCard);
        try (ResultSet rs = b.executeQuery()) {
            if (rs.next() && rs.getString(1) != null) {
                birthday = Optional.of(MonthDay.parse(rs.getString(1)));
            }
        }
        List<Instant> visits = new ArrayList<>();
        PreparedStatement v =
                statement("SELECT opened_at FROM visits WHERE card_number = ? AND ? ORDER BY opened_at DESC LIMIT 400");
        v.setString(1, memberCard);
        v.setBoolean(2, needs.visits());
        try (ResultSet rs = v.executeQuery()) {
            while (rs.next()) {
                visits.add(Instant.parse(rs.getString(1)));
            }
        }
        Map<String, MemberHistory.Tally> tallies = new HashMap<>();
        // One max() aggregate: SQLite takes the bare wall_time from the row with the highest seq.
        PreparedStatement t = statement("""
                SELECT campaign_id, SUM(CASE WHEN kind = 'STAMPS' THEN stamps_delta ELSE 0 END),
                       SUM(CASE WHEN kind IN ('POINTS', 'BONUS') THEN points_delta ELSE 0 END),
                       SUM(kind = 'VOUCHER_ISSUED'), MAX(seq), wall_time
                FROM ledger WHERE card_number = ? AND ? AND campaign_id IS NOT NULL AND rule <> '' AND kind <> 'REFUND'
                GROUP BY campaign_id""");
        t.setString(1, memberCard);
        t.setBoolean(2, needs.tallies());
        try (ResultSet rs = t.executeQuery()) {
            while (rs.next()) {
                tallies.put(
                        rs.getString(1),
                        new MemberHistory.Tally(
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                Optional.of(Instant.parse(rs.getString(6)))));
            }
        }
        List<MemberHistory.PastAward> recent = new ArrayList<>();
        PreparedStatement r = statement("""
                SELECT campaign_id, kind, stamps_delta, points_delta, wall_time, visit_id, terminal_id
                FROM ledger WHERE card_number = ? AND ? AND campaign_id IS NOT NULL AND rule <> '' AND kind <> 'REFUND'
                ORDER BY seq DESC LIMIT 1000""");
        r.setString(1, memberCard);
        r.setBoolean(2, needs.recentAwards());
        try (ResultSet rs = r.executeQuery()) {
            while (rs.next()) {
                String kind = rs.getString(2);
                recent.add(new MemberHistory.PastAward(
                        rs.getString(1),
                        kind.equals("STAMPS") ? rs.getLong(3) : 0,
                        kind.equals("POINTS") || kind.equals("BONUS") ? rs.getLong(4) : 0,
                        kind.equals("VOUCHER_ISSUED") ? 1 : 0,
                        Instant.parse(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7)));
            }
        }
        // Every points movement, oldest first: the lots for expiry and the points earned for tiers.
        List<MemberHistory.PointsMovement> movements = new ArrayList<>();
        PreparedStatement p = statement("""
                SELECT wall_time, points_delta, kind FROM ledger
                WHERE card_number = ? AND points_delta <> 0 AND ? ORDER BY seq""");
        p.setString(1, memberCard);
        p.setBoolean(2, needs.pointsMovements());
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String kind = rs.getString(3);
                movements.add(new MemberHistory.PointsMovement(
                        Instant.parse(rs.getString(1)),
                        rs.getLong(2),
                        kind.equals("POINTS") || kind.equals("BONUS") || kind.equals("REFERRAL_BONUS")));
            }
        }
        Optional<String> tier = Optional.empty();
        PreparedStatement tr = statement("""
                SELECT reference FROM ledger WHERE card_number = ? AND kind = 'TIER_CHANGED' ORDER BY seq DESC LIMIT 1""");
        tr.setString(1, memberCard);
        try (ResultSet rs = tr.executeQuery()) {
            if (rs.next() && rs.getString(1).startsWith(TIER_REFERENCE)) {
                tier = Optional.of(rs.getString(1).substring(TIER_REFERENCE.length()))
                        .filter(id -> !id.equals("none"));
            }
        }
        return new MemberHistory(
                birthday,
                visits,
                tallies,
                recent,
                movements,
                tier,
                needs.cardStarts() ? cardsStarted(memberCard) : Map.of());
    }

    /**
     * When each current stamp card got its first stamp, by replaying the stamp rows: a card starts
     * when stamps arrive on an empty card, and again when a completion leaves a surplus (the next
     * card starts then); taking stamps (refund, expiry, HQ) leaves the start as it was.
     */
    private Map<String, Instant> cardsStarted(String memberCard) throws SQLException {
        Map<String, Long> onCard = new HashMap<>();
        Map<String, Instant> started = new HashMap<>();
        PreparedStatement s = statement("""
                SELECT campaign_id, wall_time, stamps_delta, kind FROM ledger
                WHERE card_number = ? AND campaign_id IS NOT NULL AND stamps_delta <> 0 ORDER BY seq""");
        s.setString(1, memberCard);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String campaign = rs.getString(1);
                Instant at = Instant.parse(rs.getString(2));
                long before = onCard.getOrDefault(campaign, 0L);
                long after = Math.max(0, before + rs.getLong(3));
                onCard.put(campaign, after);
                if (after == 0) {
                    started.remove(campaign);
                } else if (before == 0 || rs.getString(4).equals("STAMP_CARD_COMPLETED")) {
                    started.put(campaign, at);
                }
            }
        }
        return started;
    }

    @Override
    public synchronized LedgerEntry adjustPoints(
            String memberCard, long delta, String reason, String operator, EventTime time) {
        if (delta == 0 || reason.isBlank() || operator.isBlank()) {
            throw new IllegalArgumentException(
                    "an adjustment needs a non-zero number of points, a reason and the operator's id");
        }
        return write("adjust the points of member " + Redaction.mask(memberCard), () -> {
            PreparedStatement s = statement("SELECT points FROM members WHERE card_number = ?");
            s.setString(1, memberCard);
            long balance;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AdjustmentRefusedException(
                            "member " + Redaction.mask(memberCard) + " is not enrolled; nothing was recorded");
                }
                balance = rs.getLong(1);
            }
            if (balance + delta < 0) {
                throw new AdjustmentRefusedException("member " + Redaction.mask(memberCard) + " has " + balance
                        + " points; taking " + -delta + " would leave a negative balance; nothing was recorded");
            }
            LedgerEntry entry = new LedgerEntry(
                    nextSequence(),
                    terminalId,
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
            append(entry);
            PreparedStatement u = statement("UPDATE members SET points = points + ? WHERE card_number = ?");
            u.setLong(1, delta);
            u.setString(2, memberCard);
            u.executeUpdate();
            return entry;
        });
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
    public synchronized void setBirthday(String memberCard, MonthDay birthday) {
        write("record the birthday of member " + Redaction.mask(memberCard), () -> {
            PreparedStatement s = statement("UPDATE members SET birthday = ? WHERE card_number = ?");
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
    public synchronized List<LedgerEntry> recentEntries(String memberCard, int limit) {
        return read("read the ledger of member " + Redaction.mask(memberCard), () -> {
            PreparedStatement s = statement("""
                    SELECT seq, terminal_id, kind, campaign_id, bundle_version, stamps_delta, points_delta, reference,
                           visit_id, wall_time, clock_trusted, monotonic_ns, rule, detail, rules_clock_untrusted
                    FROM ledger WHERE card_number = ? ORDER BY seq DESC LIMIT ?""");
            s.setString(1, memberCard);
            s.setInt(2, limit);
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new LedgerEntry(
                            rs.getLong(1),
                            rs.getString(2),
                            Optional.of(memberCard),
                            LedgerKind.valueOf(rs.getString(3)),
                            Optional.ofNullable(rs.getString(4)),
                            rs.getLong(5),
                            rs.getInt(6),
                            rs.getLong(7),
                            rs.getString(8),
                            rs.getString(9),
                            new EventTime(Instant.parse(rs.getString(10)), rs.getInt(11) == 1, rs.getLong(12)),
                            new Award.Why(rs.getString(13), rs.getString(14), rs.getInt(15) == 1)));
                }
            }
            return List.copyOf(entries.reversed());
        });
    }

    @Override
    public synchronized boolean receiptCredited(String receiptId) {
        return read("look up a receipt", () -> exists(RECEIPT_CREDITED, receiptId));
    }

    @Override
    public synchronized LedgerEntry enrol(String memberCard, String visitId, EventTime time) {
        return write("enrol member " + Redaction.mask(memberCard), () -> enrolInTransaction(memberCard, visitId, time));
    }

    private LedgerEntry enrolInTransaction(String memberCard, String visitId, EventTime time) throws SQLException {
        long seq = nextSequence();
        PreparedStatement s = statement(
                "INSERT INTO members (card_number, status, enrolled_seq, points) VALUES (?, 'PROVISIONAL', ?, 0)");
        s.setString(1, memberCard);
        s.setLong(2, seq);
        s.executeUpdate();
        LedgerEntry entry = new LedgerEntry(
                seq, terminalId, memberCard, LedgerKind.ENROLLED, Optional.empty(), 0, 0, 0, memberCard, visitId, time);
        append(entry);
        return entry;
    }

    @Override
    public synchronized Optional<String> memberForCard(String cardIdentity) {
        return read("look up a card", () -> linkedMember(cardIdentity));
    }

    private Optional<String> linkedMember(String cardIdentity) throws SQLException {
        PreparedStatement s = statement("SELECT card_number FROM card_links WHERE card_identity = ?");
        s.setString(1, cardIdentity);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    @Override
    public synchronized List<LedgerEntry> linkCard(
            String cardIdentity, String memberCard, String visitId, EventTime time) {
        return write("link a card to member " + Redaction.mask(memberCard), () -> {
            List<LedgerEntry> entries = new ArrayList<>(3);
            if (!exists(MEMBER_EXISTS, memberCard)) {
                entries.add(enrolInTransaction(memberCard, visitId, time));
            }
            Optional<String> previous = linkedMember(cardIdentity);
            if (previous.isPresent() && previous.get().equals(memberCard)) {
                return List.copyOf(entries);
            }
            if (previous.isPresent()) {
                entries.add(unlinkInTransaction(cardIdentity, previous.get(), visitId, time));
            }
            LedgerEntry linked = new LedgerEntry(
                    nextSequence(),
                    terminalId,
                    memberCard,
                    LedgerKind.CARD_LINKED,
                    Optional.empty(),
                    0,
                    0,
                    0,
                    cardIdentity,
                    visitId,
                    time);
            PreparedStatement s =
                    statement("INSERT INTO card_links (card_identity, card_number, linked_seq) VALUES (?, ?, ?)");
            s.setString(1, cardIdentity);
            s.setString(2, memberCard);
            s.setLong(3, linked.sequence());
            s.executeUpdate();
            append(linked);
            entries.add(linked);
            return List.copyOf(entries);
        });
    }

    @Override
    public synchronized Optional<LedgerEntry> unlinkCard(String cardIdentity, String visitId, EventTime time) {
        return write("unlink a card", () -> {
            Optional<String> member = linkedMember(cardIdentity);
            if (member.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(unlinkInTransaction(cardIdentity, member.get(), visitId, time));
        });
    }

    @Override
    public synchronized List<LedgerEntry> unlinkCardsOf(String memberCard, String reference, EventTime time) {
        return write("unlink the cards of member " + Redaction.mask(memberCard), () -> {
            List<String> identities = new ArrayList<>();
            PreparedStatement s =
                    statement("SELECT card_identity FROM card_links WHERE card_number = ? ORDER BY linked_seq");
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
        PreparedStatement s = statement("DELETE FROM card_links WHERE card_identity = ?");
        s.setString(1, cardIdentity);
        s.executeUpdate();
        LedgerEntry entry = new LedgerEntry(
                nextSequence(),
                terminalId,
                memberCard,
                LedgerKind.CARD_UNLINKED,
                Optional.empty(),
                0,
                0,
                0,
                cardIdentity,
                visitId,
                time);
        append(entry);
        return entry;
    }

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

    @Override
    public synchronized RefundResult refund(Refund refund) {
        return write("process refund " + refund.refundId() + " of receipt " + refund.originalReceiptId(), () -> {
            PreparedStatement done = statement("SELECT original_receipt FROM refunds WHERE refund_id = ?");
            done.setString(1, refund.refundId());
            try (ResultSet rs = done.executeQuery()) {
                if (rs.next()) {
                    throw new RefundAlreadyProcessedException(refund.refundId(), rs.getString(1));
                }
            }
            Original original = original(refund);
            List<RefundReversal.Earned> earned = earned(original, refund.originalReceiptId());
            long refundedBefore;
            PreparedStatement before =
                    statement("SELECT COALESCE(SUM(amount_cents), 0) FROM refunds WHERE original_receipt = ?");
            before.setString(1, refund.originalReceiptId());
            try (ResultSet rs = before.executeQuery()) {
                rs.next();
                refundedBefore = rs.getLong(1);
            }
            MemberState now = balances(original.memberCard());
            List<RefundReversal.Taken> taken = RefundReversal.reverse(
                    earned,
                    original.amountCents(),
                    refundedBefore,
                    refund.refundCents(),
                    now.points(),
                    now.stampsOnCard());
            List<String> redeemed = voucherReferences(original, "VOUCHER_REDEEMED", Long.MAX_VALUE);
            List<String> issued = voucherReferences(original, "VOUCHER_ISSUED", original.throughSeq());
            String report = "refund " + refund.refundId() + " of receipt " + refund.originalReceiptId() + " ("
                    + refund.refundCents() + " cents)"
                    + (redeemed.isEmpty()
                            ? ""
                            : "; vouchers redeemed in the sale: "
                                    + String.join(
                                            ", ",
                                            redeemed.stream()
                                                    .map(org.loyaltyterminal.core.voucher.VoucherCode::labelOf)
                                                    .toList()))
                    + (issued.isEmpty()
                            ? ""
                            : "; vouchers the sale issued stay valid: "
                                    + String.join(
                                            ", ",
                                            issued.stream()
                                                    .map(org.loyaltyterminal.core.voucher.VoucherCode::labelOf)
                                                    .toList()));
            List<LedgerEntry> entries = new ArrayList<>();
            Award.Why nothing = new Award.Why(
                    "refund.reversal",
                    report + ": nothing left to take back",
                    !refund.time().clockTrusted());
            if (taken.isEmpty()) {
                entries.add(new LedgerEntry(
                        nextSequence(),
                        terminalId,
                        Optional.of(original.memberCard()),
                        LedgerKind.REFUND,
                        Optional.empty(),
                        refund.bundleVersion(),
                        0,
                        0,
                        refund.refundId(),
                        original.visitId(),
                        refund.time(),
                        nothing));
                append(entries.getLast());
            }
            for (RefundReversal.Taken t : taken) {
                LedgerEntry entry = new LedgerEntry(
                        nextSequence(),
                        terminalId,
                        Optional.of(original.memberCard()),
                        LedgerKind.REFUND,
                        Optional.of(t.campaignId()),
                        refund.bundleVersion(),
                        -t.stamps(),
                        -t.points(),
                        refund.refundId(),
                        original.visitId(),
                        refund.time(),
                        new Award.Why(
                                "refund.reversal",
                                report + ": " + t.detail(),
                                !refund.time().clockTrusted()));
                append(entry);
                if (t.points() > 0) {
                    PreparedStatement u = statement("UPDATE members SET points = points + ? WHERE card_number = ?");
                    u.setLong(1, -t.points());
                    u.setString(2, original.memberCard());
                    u.executeUpdate();
                }
                if (t.stamps() > 0) {
                    PreparedStatement u = statement(
                            "UPDATE stamp_cards SET stamps = stamps + ? WHERE card_number = ? AND campaign_id = ?");
                    u.setInt(1, -t.stamps());
                    u.setString(2, original.memberCard());
                    u.setString(3, t.campaignId());
                    u.executeUpdate();
                }
                entries.add(entry);
            }
            PreparedStatement record = statement(
                    "INSERT INTO refunds (refund_id, original_receipt, amount_cents, seq) VALUES (?, ?, ?, ?)");
            record.setString(1, refund.refundId());
            record.setString(2, refund.originalReceiptId());
            record.setLong(3, refund.refundCents());
            record.setLong(4, entries.getFirst().sequence());
            record.executeUpdate();
            return new RefundResult(original.memberCard(), original.visitId(), entries, redeemed, issued);
        });
    }

    /** The sale a refund refers to: its member, visit, amount (when recorded) and last ledger row. */
    private record Original(String memberCard, String visitId, java.util.OptionalLong amountCents, long throughSeq) {}

    private Original original(Refund refund) throws SQLException {
        PreparedStatement s = statement("""
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
            java.util.OptionalLong amountCents =
                    rs.wasNull() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(amount);
            return new Original(rs.getString(2), rs.getString(1), amountCents, rs.getLong(4));
        }
    }

    /** Per campaign: what the sale (its visit, up to the receipt) earned, and what earlier refunds of it took back. */
    private List<RefundReversal.Earned> earned(Original original, String receiptId) throws SQLException {
        PreparedStatement s = statement("""
                SELECT campaign_id, SUM(CASE WHEN kind = 'STAMPS' THEN stamps_delta ELSE 0 END),
                       SUM(CASE WHEN kind = 'POINTS' THEN points_delta ELSE 0 END)
                FROM ledger WHERE visit_id = ? AND card_number = ? AND seq <= ? AND kind IN ('STAMPS', 'POINTS')
                                  AND campaign_id IS NOT NULL
                GROUP BY campaign_id ORDER BY MIN(seq)""");
        s.setString(1, original.visitId());
        s.setString(2, original.memberCard());
        s.setLong(3, original.throughSeq());
        record Row(String campaign, long stamps, long points) {}
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        Map<String, long[]> reversed = new HashMap<>();
        PreparedStatement r = statement("""
                SELECT campaign_id, -SUM(stamps_delta), -SUM(points_delta) FROM ledger
                WHERE kind = 'REFUND' AND campaign_id IS NOT NULL
                  AND reference IN (SELECT refund_id FROM refunds WHERE original_receipt = ?)
                GROUP BY campaign_id""");
        r.setString(1, receiptId);
        try (ResultSet rs = r.executeQuery()) {
            while (rs.next()) {
                reversed.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        List<RefundReversal.Earned> earned = new ArrayList<>(rows.size());
        for (Row row : rows) {
            long[] back = reversed.getOrDefault(row.campaign(), new long[2]);
            earned.add(new RefundReversal.Earned(
                    row.campaign(), Math.max(0, row.stamps()), Math.max(0, row.points()), back[0], back[1]));
        }
        return earned;
    }

    private List<String> voucherReferences(Original original, String kind, long throughSeq) throws SQLException {
        PreparedStatement s =
                statement("SELECT reference FROM ledger WHERE visit_id = ? AND kind = ? AND seq <= ? ORDER BY seq");
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

    /** Points and stamps on cards, without the history (inside a transaction). */
    MemberState balances(String memberCard) throws SQLException {
        long points = 0;
        PreparedStatement s = statement("SELECT points FROM members WHERE card_number = ?");
        s.setString(1, memberCard);
        try (ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                points = rs.getLong(1);
            }
        }
        Map<String, Integer> stamps = new HashMap<>();
        PreparedStatement cards = statement("SELECT campaign_id, stamps FROM stamp_cards WHERE card_number = ?");
        cards.setString(1, memberCard);
        try (ResultSet rs = cards.executeQuery()) {
            while (rs.next()) {
                stamps.put(rs.getString(1), rs.getInt(2));
            }
        }
        return new MemberState(points, stamps);
    }

    @Override
    public synchronized LedgerEntry buyReward(RewardPurchase purchase) {
        return write("buy a reward for member " + Redaction.mask(purchase.memberCard()), () -> {
            long balance = 0;
            PreparedStatement s = statement("SELECT points FROM members WHERE card_number = ?");
            s.setString(1, purchase.memberCard());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    balance = rs.getLong(1);
                }
            }
            if (balance < purchase.cost()) {
                throw new NotEnoughPointsException(purchase.grant().reward().text(), purchase.cost(), balance);
            }
            Reward reward = purchase.grant().reward();
            long spent = reward.pointsSpentFrom(balance);
            return issueInTransaction(
                    purchase.memberCard(),
                    purchase.visitId(),
                    purchase.grant(),
                    -spent,
                    purchase.bundleVersion(),
                    purchase.time(),
                    new Award.Why(
                            "reward.bought",
                            reward.spendsAllPoints()
                                    ? "reward " + reward.id() + " for all " + spent + " points (at least "
                                            + purchase.cost() + ")"
                                    : "reward " + reward.id() + " for exactly " + spent + " points",
                            false));
        });
    }

    /** Allocates the voucher's sequence, records the voucher and appends its VOUCHER_ISSUED row. */
    private LedgerEntry issueInTransaction(
            String memberCard,
            String visitId,
            VoucherGrant grant,
            long pointsDelta,
            long bundleVersion,
            EventTime time,
            Award.Why why)
            throws SQLException {
        int sequence = nextVoucherSequence();
        VoucherCode code = new VoucherCode(
                grant.terminalNumber(),
                sequence,
                grant.validThrough(),
                grant.reward().slot());
        LedgerEntry entry = new LedgerEntry(
                nextSequence(),
                terminalId,
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
        PreparedStatement insert = statement("""
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
        append(
                entry,
                Optional.of(new OutboxEvents.VoucherFacts(
                        code, grant.reward().id(), grant.reward().valueCents(), true)));
        if (pointsDelta != 0) {
            PreparedStatement s = statement("UPDATE members SET points = points + ? WHERE card_number = ?");
            s.setLong(1, pointsDelta);
            s.setString(2, memberCard);
            if (s.executeUpdate() != 1) {
                throw new StorageException("member " + Redaction.mask(memberCard)
                        + " is not enrolled; enrol the card before issuing a voucher");
            }
        }
        return entry;
    }

    /**
     * The next voucher number of this terminal, wrapping after the 20 bits the code carries. The
     * first number is random: a till whose database was replaced starts elsewhere in the range
     * instead of re-issuing the numbers (and so the references) of its earlier vouchers.
     */
    private int nextVoucherSequence() throws SQLException {
        int next;
        PreparedStatement select = statement("SELECT value FROM meta WHERE key = 'voucher_next_sequence'");
        try (ResultSet rs = select.executeQuery()) {
            next = rs.next()
                    ? Integer.parseInt(rs.getString(1))
                    : new SecureRandom().nextInt(VoucherCode.MAX_SEQUENCE + 1);
        }
        PreparedStatement upsert = statement("""
                INSERT INTO meta (key, value) VALUES ('voucher_next_sequence', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value""");
        upsert.setString(1, Integer.toString((next + 1) & VoucherCode.MAX_SEQUENCE));
        upsert.executeUpdate();
        return next;
    }

    private static final String VOUCHER_COLUMNS = """
            SELECT terminal_number, sequence, valid_through, reward_slot, reward_id, reward_text, value_cents, scope,
                   terms, card_number, issued_seq, issued_at FROM vouchers""";

    @Override
    public synchronized Optional<IssuedVoucher> issuedVoucher(String reference) {
        return read("look up a voucher", () -> voucher(reference));
    }

    private Optional<IssuedVoucher> voucher(String reference) throws SQLException {
        PreparedStatement s = statement(VOUCHER_COLUMNS + " WHERE reference = ?");
        s.setString(1, reference);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(issuedVoucher(rs)) : Optional.empty();
        }
    }

    @Override
    public synchronized Optional<IssuedVoucher> lastIssuedVoucher() {
        return read("look up the last voucher", () -> {
            PreparedStatement s = statement(VOUCHER_COLUMNS + " ORDER BY issued_seq DESC LIMIT 1");
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
    public synchronized Optional<RedeemedVoucher> redemption(String reference) {
        return read("look up a redemption", () -> redeemed(reference));
    }

    private Optional<RedeemedVoucher> redeemed(String reference) throws SQLException {
        PreparedStatement s =
                statement("SELECT redeemed_seq, redeemed_at, source FROM voucher_redemptions WHERE reference = ?");
        s.setString(1, reference);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next()
                    ? Optional.of(new RedeemedVoucher(
                            reference, rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3)))
                    : Optional.empty();
        }
    }

    @Override
    public synchronized LedgerEntry redeem(VoucherRedemption r) {
        return write("redeem " + r.code().label(), () -> {
            Optional<RedeemedVoucher> earlier = redeemed(r.code().reference());
            if (earlier.isPresent()) {
                throw new VoucherAlreadyRedeemedException(earlier.get());
            }
            LedgerEntry entry = new LedgerEntry(
                    nextSequence(),
                    terminalId,
                    r.member(),
                    LedgerKind.VOUCHER_REDEEMED,
                    Optional.of(r.rewardId()),
                    r.bundleVersion(),
                    0,
                    0,
                    r.code().reference(),
                    r.visitId(),
                    r.time());
            PreparedStatement s = statement(
                    "INSERT INTO voucher_redemptions (reference, redeemed_seq, redeemed_at, source) VALUES (?, ?, ?, ?)");
            s.setString(1, r.code().reference());
            s.setLong(2, entry.sequence());
            s.setString(3, r.time().wall().toString());
            s.setString(4, "this terminal");
            s.executeUpdate();
            append(
                    entry,
                    Optional.of(new OutboxEvents.VoucherFacts(r.code(), r.rewardId(), r.valueCents(), r.issuedHere())));
            return entry;
        });
    }

    @Override
    public synchronized VoucherPrint recordPrint(IssuedVoucher voucher, VoucherPrint.Kind kind, EventTime time) {
        return write("record a print of " + voucher.code().label(), () -> {
            PreparedStatement s = statement(
                    "INSERT INTO voucher_prints (reference, kind, requested_at, state) VALUES (?, ?, ?, 'QUEUED')");
            s.setString(1, voucher.reference());
            s.setString(2, kind.name());
            s.setString(3, time.wall().toString());
            s.executeUpdate();
            try (Statement id = connection.createStatement();
                    ResultSet rs = id.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                return new VoucherPrint(rs.getLong(1), voucher, kind);
            }
        });
    }

    @Override
    public synchronized void printEnded(long printId, VoucherPrint.State state, String detail, Instant at) {
        write("record a print outcome", () -> {
            PreparedStatement s = statement(
                    "UPDATE voucher_prints SET state = ?, detail = ?, done_at = ? WHERE print_id = ? AND state = 'QUEUED'");
            s.setString(1, state.name());
            s.setString(2, detail);
            s.setString(3, at.toString());
            s.setLong(4, printId);
            return s.executeUpdate();
        });
    }

    @Override
    public synchronized List<VoucherPrint> unfinishedPrints() {
        return read("list unfinished prints", () -> {
            record Row(long printId, String reference, VoucherPrint.Kind kind) {}
            List<Row> rows = new ArrayList<>();
            PreparedStatement s = statement(
                    "SELECT print_id, reference, kind FROM voucher_prints WHERE state = 'QUEUED' ORDER BY print_id");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), VoucherPrint.Kind.valueOf(rs.getString(3))));
                }
            }
            List<VoucherPrint> prints = new ArrayList<>(rows.size());
            for (Row row : rows) {
                IssuedVoucher voucher = voucher(row.reference())
                        .orElseThrow(() -> new SQLException(
                                "voucher_prints names voucher " + row.reference() + ", which is not recorded"));
                prints.add(new VoucherPrint(row.printId(), voucher, row.kind()));
            }
            return List.copyOf(prints);
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

    boolean exists(String sql, String key) throws SQLException {
        PreparedStatement s = statement(sql);
        s.setString(1, key);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * The first of the sequence numbers this transaction appends. The ledger is append-only (a
     * trigger refuses UPDATE and DELETE), so its highest sequence never goes down and a number
     * is never reused; a transaction that rolls back leaves no gap. Reading it costs a lookup at
     * the end of the rowid tree, and no extra page written per commit, unlike a counter row.
     */
    long nextSequence() throws SQLException {
        return lastSequence() + 1;
    }

    private long lastSequence() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM ledger")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void append(LedgerEntry e) throws SQLException {
        append(e, Optional.empty());
    }

    private void append(LedgerEntry e, Optional<OutboxEvents.VoucherFacts> voucher) throws SQLException {
        PreparedStatement ledger = statement("""
                INSERT INTO ledger (seq, terminal_id, card_number, kind, campaign_id, bundle_version, stamps_delta,
                                    points_delta, reference, visit_id, wall_time, clock_trusted, monotonic_ns, rule, detail,
                                    rules_clock_untrusted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        ledger.setLong(1, e.sequence());
        ledger.setString(2, e.terminalId());
        ledger.setString(3, e.member().orElse(null));
        ledger.setString(4, e.kind().name());
        ledger.setString(5, e.campaignId().orElse(null));
        ledger.setLong(6, e.bundleVersion());
        ledger.setInt(7, e.stampsDelta());
        ledger.setLong(8, e.pointsDelta());
        ledger.setString(9, e.reference());
        ledger.setString(10, e.visitId());
        ledger.setString(11, e.time().wall().toString());
        ledger.setInt(12, e.time().clockTrusted() ? 1 : 0);
        ledger.setLong(13, e.time().monotonicNanos());
        ledger.setString(14, e.why().rule());
        ledger.setString(15, e.why().detail());
        ledger.setInt(16, e.why().clockUntrusted() ? 1 : 0);
        ledger.executeUpdate();
        PreparedStatement outbox = statement("INSERT INTO outbox (seq, payload, created_at) VALUES (?, ?, ?)");
        outbox.setLong(1, e.sequence());
        outbox.setString(2, events.payload(e, voucher));
        outbox.setString(3, e.time().wall().toString());
        outbox.executeUpdate();
    }

    private void applyToBalances(LedgerEntry entry, Award award) throws SQLException {
        if (entry.pointsDelta() != 0) {
            PreparedStatement s = statement("UPDATE members SET points = points + ? WHERE card_number = ?");
            s.setLong(1, entry.pointsDelta());
            s.setString(2, entry.memberCard());
            if (s.executeUpdate() != 1) {
                throw new StorageException("member " + Redaction.mask(entry.memberCard())
                        + " is not enrolled; enrol the card before recording awards");
            }
        }
        if (entry.stampsDelta() != 0) {
            int completed = award instanceof Award.StampCardCompleted ? 1 : 0;
            // Update first: an upsert would test the CHECK on the inserted values (a negative
            // completion delta) before the conflict turns it into an update.
            PreparedStatement update = statement("""
                    UPDATE stamp_cards SET stamps = stamps + ?, completed = completed + ?
                    WHERE card_number = ? AND campaign_id = ?""");
            update.setInt(1, entry.stampsDelta());
            update.setInt(2, completed);
            update.setString(3, entry.memberCard());
            update.setString(4, award.campaignId());
            if (update.executeUpdate() == 1) {
                return;
            }
            PreparedStatement insert = statement(
                    "INSERT INTO stamp_cards (card_number, campaign_id, stamps, completed) VALUES (?, ?, ?, ?)");
            insert.setString(1, entry.memberCard());
            insert.setString(2, award.campaignId());
            insert.setInt(3, entry.stampsDelta());
            insert.setInt(4, completed);
            insert.executeUpdate();
        }
    }

    @Override
    public synchronized ConsistencyReport check() {
        return read("check balances against the ledger", () -> {
            List<Discrepancy> found = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("""
                    SELECT m.card_number, m.points, COALESCE(SUM(l.points_delta), 0)
                    FROM members m LEFT JOIN ledger l ON l.card_number = m.card_number
                    GROUP BY m.card_number""")) {
                while (rs.next()) {
                    long balance = rs.getLong(2);
                    long sum = rs.getLong(3);
                    if (balance != sum) {
                        found.add(new Discrepancy("points of member " + Redaction.mask(rs.getString(1)), sum, balance));
                    }
                }
            }
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("""
                    SELECT k.card_number, k.campaign_id, COALESCE(c.stamps, 0), COALESCE(k.stamps, 0),
                           COALESCE(c.completed, 0), COALESCE(k.completed, 0)
                    FROM (SELECT card_number, campaign_id, SUM(stamps_delta) AS stamps,
                                 SUM(kind = 'STAMP_CARD_COMPLETED') AS completed
                          FROM ledger WHERE kind IN ('STAMPS', 'STAMP_CARD_COMPLETED', 'HQ_BALANCE', 'REFUND', 'STAMPS_EXPIRED')
                          GROUP BY card_number, campaign_id) k
                    LEFT JOIN stamp_cards c ON c.card_number = k.card_number AND c.campaign_id = k.campaign_id
                    UNION ALL
                    SELECT c.card_number, c.campaign_id, c.stamps, 0, c.completed, 0
                    FROM stamp_cards c
                    WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.card_number = c.card_number
                                      AND l.campaign_id = c.campaign_id)""")) {
                while (rs.next()) {
                    String subject = rs.getString(2) + " of member " + Redaction.mask(rs.getString(1));
                    if (rs.getLong(3) != rs.getLong(4)) {
                        found.add(new Discrepancy("stamps " + subject, rs.getLong(4), rs.getLong(3)));
                    }
                    if (rs.getLong(5) != rs.getLong(6)) {
                        found.add(new Discrepancy("completed cards " + subject, rs.getLong(6), rs.getLong(5)));
                    }
                }
            }
            long rows;
            long last;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT COUNT(*), COALESCE(MAX(seq), 0), COALESCE(MIN(seq), 1) FROM ledger")) {
                rs.next();
                rows = rs.getLong(1);
                last = rs.getLong(2);
                if (rows > 0 && (rs.getLong(3) != 1 || last != rows)) {
                    found.add(new Discrepancy("ledger sequence (must run 1.." + rows + " without gaps)", rows, last));
                }
            }
            long members;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM members")) {
                rs.next();
                members = rs.getLong(1);
            }
            return new ConsistencyReport(rows, members, last, found);
        });
    }

    @Override
    public synchronized long outboxDepth() {
        return read("count the outbox", () -> {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox WHERE acked = 0")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Copies committed WAL frames into the database file, without blocking the scan path except
     * for the short second pass described in the class comment. Called from the daemon's
     * housekeeping thread, not under this object's lock.
     */
    @Override
    public void maintain() {
        if (fault != null) {
            probeWrites();
        }
        try {
            // Copied to the end or not, a long WAL means no transaction has found it all copied
            // lately: one was always open. Under the lock none is, so the next one starts it over.
            if (checkpoint() >= LOCKED_CHECKPOINT_WAL_FRAMES) {
                // the store's lock first, then the checkpoint connection's: the order close() takes them
                synchronized (this) {
                    checkpoint();
                }
            }
            if (checkpointFailing) {
                checkpointFailing = false;
                log.info("database {}: checkpoints work again", file);
            }
        } catch (SQLException e) {
            // once per failing spell, not once a second: a full disk fails every round until it is freed
            if (!checkpointFailing) {
                checkpointFailing = true;
                log.warn(
                        "database {}: checkpoint failed: {}; the WAL keeps the data, each second retries",
                        file,
                        e.getMessage());
            }
        }
    }

    /**
     * While writes fail, one small write a housekeeping round tells when they work again, so the
     * status page clears the fault without waiting for the next scan.
     */
    private synchronized void probeWrites() {
        try {
            write("check that the database takes writes again", () -> {
                try (Statement s = connection.createStatement()) {
                    s.executeUpdate(WRITE_PROBE);
                    s.executeUpdate("DELETE FROM meta WHERE key = 'write_probe'");
                }
                return null;
            });
        } catch (StorageException stillFailing) {
            // the fault stays as it was first reported
        }
    }

    /**
     * A PASSIVE checkpoint on the checkpoint connection: never waits for, or blocks, a writer or
     * reader. Returns the frames in the WAL, as {@code PRAGMA wal_checkpoint} reports them.
     */
    private long checkpoint() throws SQLException {
        synchronized (checkpointConnection) {
            try (Statement s = checkpointConnection.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next();
                return rs.getLong(2);
            }
        }
    }

    @Override
    public synchronized void close() {
        synchronized (checkpointConnection) {
            try {
                checkpointConnection.close();
            } catch (SQLException e) {
                log.warn("database {}: close of the checkpoint connection failed: {}", file, e.getMessage());
            }
        }
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            log.warn("database {}: close failed: {}", file, e.getMessage());
        }
    }

    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs read-only work under the scan path's lock, on its connection (for the store's companions). */
    synchronized <T> T readLocked(String what, Work<T> work) {
        return read(what, work);
    }

    /** Runs work in one transaction under the scan path's lock, on its connection (for the store's companions). */
    synchronized <T> T writeLocked(String what, Work<T> work) {
        return write(what, work);
    }

    @Override
    public synchronized <T> T inOneTransaction(String what, Supplier<T> work) {
        if (inUnit) {
            return work.get();
        }
        inUnit = true;
        unitWrote = false;
        try {
            return commitAfter(what, "; nothing was recorded", work::get);
        } finally {
            inUnit = false;
        }
    }

    private <T> T read(String what, Work<T> work) {
        if (inUnit) {
            // the unit's transaction is the snapshot: nothing to take back, nothing to commit
            try {
                return work.run();
            } catch (SQLException e) {
                throw failed(what, "", e);
            }
        }
        return commitAfter(what, "", work);
    }

    /**
     * Runs a write in its own transaction, or inside a unit of work ({@link #inOneTransaction})
     * as a savepoint of the unit's transaction: a step that fails (a refused referral, say) takes
     * back only its own writes, and nothing is committed, nor synced, before the unit ends.
     */
    private <T> T write(String what, Work<T> work) {
        if (!inUnit) {
            return commitAfter(what, "; nothing was recorded", work);
        }
        unitWrote = true;
        try {
            statement("SAVEPOINT step").execute();
        } catch (SQLException e) {
            noteFault(e);
            throw failed(what, "; nothing was recorded", e);
        }
        try {
            T result = work.run();
            statement("RELEASE step").execute();
            return result;
        } catch (SQLException e) {
            rollbackStep();
            noteFault(e);
            throw failed(what, "; nothing was recorded", e);
        } catch (RuntimeException e) {
            rollbackStep();
            throw e;
        }
    }

    private void rollbackStep() {
        try {
            statement("ROLLBACK TO step").execute();
            statement("RELEASE step").execute();
        } catch (SQLException e) {
            // the unit's own rollback follows and takes everything back
            log.warn("database {}: rollback of a step failed: {}", file, e.getMessage());
        }
    }

    /**
     * Runs {@code work} in one transaction: commits, or rolls back whatever failed. A write that
     * fails in storage (a full disk, I/O errors) is a fault until a later write commits; the
     * connection is opened again when the failure left it unusable, so the store recovers by
     * itself once the cause is gone.
     */
    private <T> T commitAfter(String what, String consequence, Work<T> work) {
        try {
            if (broken) {
                recover();
            }
            T result = work.run();
            connection.commit();
            boolean wrote = inUnit ? unitWrote : !consequence.isEmpty();
            if (wrote) {
                writeCommits++; // under this object's lock; volatile for the readers
                afterWrite.run();
            }
            if (wrote && fault != null) {
                log.info("database {}: writes work again after: {}", file, fault.problem());
                fault = null;
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            noteFault(e);
            throw failed(what, consequence, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** A failure that blames the storage (not a constraint or a statement) is a fault until a write commits. */
    private void noteFault(SQLException e) {
        if (fault == null) {
            StorageFault.of(e.getErrorCode(), file.toString(), String.valueOf(e.getMessage()), wallClock.instant())
                    .ifPresent(f -> {
                        fault = f;
                        log.error("database {}: {}; {}", file, f.problem(), f.action());
                    });
        }
    }

    /**
     * Opens the scan path's connection again: after SQLite rolled a transaction back by itself
     * (as it may on a full disk or an I/O error), the driver's own rollback fails and leaves the
     * connection outside any transaction for good ("cannot commit - no transaction is active").
     */
    private void recover() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection goes anyway
            }
        }
        statements.clear();
        closeQuietly(connection);
        Connection fresh = config().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        fresh.setAutoCommit(false);
        connection = fresh;
        broken = false;
        log.debug("database {}: connection opened again after a failed transaction", file);
    }

    /**
     * Runs {@code listener} after every transaction that wrote, on the writing thread and under
     * the store's lock: it must only hand over (the sync agent's nudge), never block.
     */
    public void afterEachWrite(Runnable listener) {
        this.afterWrite = java.util.Objects.requireNonNull(listener, "listener");
    }

    @Override
    public long writeCommits() {
        return writeCommits;
    }

    /** The store's storage fault while writes fail; empty when the last write committed. */
    @Override
    public Optional<StorageFault> fault() {
        return Optional.ofNullable(fault);
    }

    private StorageException failed(String what, String consequence, SQLException e) {
        return new StorageException("database " + file + ": cannot " + what + ": " + e.getMessage() + consequence, e);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // SQLite already rolled back by itself; the connection is opened again before the next use
            broken = true;
            // not logged above debug: the fault it comes with is logged once, a failing rollback per scan would flood
            log.debug("database {}: rollback failed ({}); the connection will be opened again", file, e.getMessage());
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the open failure is what gets reported
        }
    }
}
