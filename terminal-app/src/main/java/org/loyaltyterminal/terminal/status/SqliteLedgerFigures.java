package org.loyaltyterminal.terminal.status;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltyterminal.core.engine.MemberHistory;
import org.loyaltyterminal.core.engine.PointsLots;
import org.loyaltyterminal.terminal.ledger.StorageException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The status page's figures, by SQL over the ledger and the outbox on a read-only connection of
 * its own. WAL lets this connection read while the daemon writes, and it never takes the scan
 * path's lock; the queries run on the status server's thread, cached by {@link CachedFigures}.
 *
 * <p>Time: the ledger keeps wall time as an ISO-8601 instant in UTC ({@code Instant.toString()}:
 * seconds always present, the fraction only when non-zero). The first 19 characters
 * ({@code 2025-11-24T07:30:00}) therefore sort as time does, and the store's day, converted to
 * UTC instants at whole seconds, is a range over that prefix. Awards recorded while the clock was
 * untrusted count on the day their wall time says, like every other report of the ledger.
 *
 * <p>Counting: rows of kind CARD_UNLINKED are not visits (an operator's unlink from the command
 * line is recorded with the operator as its visit), so they count for neither visits nor members
 * seen. A voucher redeemed with no visit open (a bearer voucher) has an empty visit and no member:
 * it counts as a redemption only.
 */
public final class SqliteLedgerFigures implements LedgerFigures {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String TIME = "substr(wall_time, 1, 19)";
    private static final String DAY = """
            SELECT COUNT(DISTINCT CASE WHEN kind NOT IN ('CARD_UNLINKED', 'REFUND') AND visit_id <> '' THEN visit_id END),
                   COUNT(DISTINCT CASE WHEN kind <> 'CARD_UNLINKED' THEN card_number END),
                   COALESCE(SUM(kind = 'ENROLLED'), 0),
                   COALESCE(SUM(CASE WHEN kind = 'STAMPS' THEN stamps_delta END), 0),
                   COALESCE(SUM(kind = 'STAMP_CARD_COMPLETED'), 0),
                   COALESCE(SUM(CASE WHEN kind = 'POINTS' THEN points_delta END), 0),
                   COALESCE(SUM(kind = 'VOUCHER_ISSUED'), 0),
                   COALESCE(SUM(kind = 'VOUCHER_REDEEMED'), 0),
                   COALESCE(SUM(kind = 'SUSPICIOUS_ACTIVITY'), 0)
            FROM ledger WHERE %1$s >= ? AND %1$s < ?""".formatted(TIME);
    private static final String RETURNING = """
            SELECT COUNT(DISTINCT card_number) FROM ledger
            WHERE %1$s >= ? AND %1$s < ? AND kind <> 'CARD_UNLINKED'
              AND card_number IN (SELECT card_number FROM ledger WHERE %1$s >= ? AND %1$s < ? AND kind <> 'CARD_UNLINKED')""".formatted(TIME);
    private static final String OUTBOX =
            "SELECT COUNT(*), (SELECT created_at FROM outbox WHERE acked = 0 ORDER BY seq LIMIT 1) FROM outbox WHERE acked = 0";

    private final Path file;
    private final Connection connection;

    private SqliteLedgerFigures(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the daemon's database read-only; the daemon has created and migrated it before. */
    public static SqliteLedgerFigures open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        // Wait briefly for a checkpoint or a writer holding the WAL index; never long: a status
        // page may be late, the scan path is never kept waiting by it.
        config.setBusyTimeout(1_000);
        try {
            return new SqliteLedgerFigures(file, config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
        } catch (SQLException e) {
            throw new StorageException(
                    "database " + file + " cannot be opened read-only for the status page: " + e.getMessage()
                            + "; check data.dir",
                    e);
        }
    }

    @Override
    public synchronized TodayFigures day(LocalDate day, ZoneId zone) {
        String start = SECONDS.format(day.atStartOfDay(zone).toInstant());
        String end = SECONDS.format(day.plusDays(1).atStartOfDay(zone).toInstant());
        String windowStart = SECONDS.format(day.minusDays(TodayFigures.RETURNING_WINDOW_DAYS)
                .atStartOfDay(zone)
                .toInstant());
        try (PreparedStatement figures = connection.prepareStatement(DAY);
                PreparedStatement returning = connection.prepareStatement(RETURNING)) {
            figures.setString(1, start);
            figures.setString(2, end);
            returning.setString(1, windowStart);
            returning.setString(2, start);
            returning.setString(3, start);
            returning.setString(4, end);
            // One read transaction for both queries, so the figures agree with each other.
            connection.setAutoCommit(false);
            try (ResultSet f = figures.executeQuery();
                    ResultSet r = returning.executeQuery()) {
                f.next();
                r.next();
                return new TodayFigures(
                        day,
                        zone,
                        f.getLong(1),
                        f.getLong(2),
                        f.getLong(3),
                        f.getLong(4),
                        f.getLong(5),
                        f.getLong(6),
                        f.getLong(7),
                        f.getLong(8),
                        r.getLong(1),
                        f.getLong(9));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException(
                    "database " + file + ": cannot compute the figures of " + day + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replays every member's points movements into lots ({@link PointsLots}), member by member in
     * ledger order over the (card_number, seq) index, holding one member's rows at a time.
     */
    @Override
    public synchronized long pointsDueBy(Instant by, Duration age) {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT card_number, wall_time, points_delta FROM ledger
                WHERE points_delta <> 0 AND card_number IS NOT NULL ORDER BY card_number, seq""");
                ResultSet rs = s.executeQuery()) {
            long due = 0;
            String member = null;
            List<MemberHistory.PointsMovement> movements = new ArrayList<>();
            while (rs.next()) {
                if (!rs.getString(1).equals(member)) {
                    due += PointsLots.of(movements).dueBy(by, age);
                    movements.clear();
                    member = rs.getString(1);
                }
                movements.add(new MemberHistory.PointsMovement(Instant.parse(rs.getString(2)), rs.getLong(3), false));
            }
            return due + PointsLots.of(movements).dueBy(by, age);
        } catch (SQLException e) {
            throw new StorageException(
                    "database " + file + ": cannot compute the points expiring by " + by + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized OutboxBacklog outbox() {
        try (PreparedStatement s = connection.prepareStatement(OUTBOX);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return new OutboxBacklog(
                    rs.getLong(1), Optional.ofNullable(rs.getString(2)).map(Instant::parse));
        } catch (SQLException e) {
            throw new StorageException("database " + file + ": cannot read the outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void probe() {
        try (PreparedStatement s = connection.prepareStatement("SELECT seq FROM ledger ORDER BY seq DESC LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            throw new StorageException("database " + file + " does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException(
                    "database " + file + ": closing the status connection failed: " + e.getMessage(), e);
        }
    }
}
