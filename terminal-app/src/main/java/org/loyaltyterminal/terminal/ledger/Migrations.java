package org.loyaltyterminal.terminal.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps. The version lives in SQLite's {@code PRAGMA user_version}; at
 * start-up every step above it runs, each in its own transaction together with the version bump,
 * so an interrupted upgrade leaves the file at the last complete version. A file newer than this
 * software is refused rather than guessed at.
 */
final class Migrations {

    record Step(int version, String description, List<String> statements) {}

    static final List<Step> STEPS = List.of(
            new Step(1, "members, ledger, balances, outbox", List.of("""
                    CREATE TABLE meta (
                        key   TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    ) WITHOUT ROWID""", """
                    CREATE TABLE members (
                        card_number  TEXT PRIMARY KEY,
                        status       TEXT NOT NULL CHECK (status IN ('PROVISIONAL', 'ACTIVE')),
                        enrolled_seq INTEGER NOT NULL,
                        points       INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0)
                    ) WITHOUT ROWID""", """
                    CREATE TABLE stamp_cards (
                        card_number TEXT NOT NULL REFERENCES members (card_number),
                        campaign_id TEXT NOT NULL,
                        stamps      INTEGER NOT NULL CHECK (stamps >= 0),
                        completed   INTEGER NOT NULL CHECK (completed >= 0),
                        PRIMARY KEY (card_number, campaign_id)
                    ) WITHOUT ROWID""", """
                    CREATE TABLE ledger (
                        seq            INTEGER PRIMARY KEY,
                        terminal_id    TEXT NOT NULL,
                        card_number    TEXT NOT NULL REFERENCES members (card_number),
                        kind           TEXT NOT NULL,
                        campaign_id    TEXT,
                        bundle_version INTEGER NOT NULL,
                        stamps_delta   INTEGER NOT NULL,
                        points_delta   INTEGER NOT NULL,
                        reference      TEXT NOT NULL,
                        visit_id       TEXT NOT NULL,
                        wall_time      TEXT NOT NULL,
                        clock_trusted  INTEGER NOT NULL CHECK (clock_trusted IN (0, 1)),
                        monotonic_ns   INTEGER NOT NULL
                    )""", """
                    CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END""", """
                    CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END""", """
                    CREATE TABLE outbox (
                        seq        INTEGER PRIMARY KEY,
                        payload    TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    )""")),
            new Step(
                    2,
                    "receipts credit once",
                    List.of(
                            """
                    CREATE TABLE credited_receipts (
                        receipt_id TEXT PRIMARY KEY,
                        seq        INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                            // Receipts credited before this version are found in the ledger's points rows.
                            """
                    INSERT OR IGNORE INTO credited_receipts (receipt_id, seq)
                    SELECT reference, MIN(seq) FROM ledger WHERE kind = 'POINTS' GROUP BY reference""")),
            new Step(
                    3,
                    "contactless cards linked to members by keyed hash",
                    List.of("""
                    CREATE TABLE card_links (
                        card_identity TEXT PRIMARY KEY,
                        card_number   TEXT NOT NULL REFERENCES members (card_number),
                        linked_seq    INTEGER NOT NULL
                    ) WITHOUT ROWID""", "CREATE INDEX card_links_by_member ON card_links (card_number)")),
            new Step(
                    4,
                    "vouchers: issued, redeemed once, every print recorded",
                    List.of(
                            // A voucher from another till may be redeemed with no member in sight: the
                            // ledger's member column becomes optional. SQLite cannot drop NOT NULL in
                            // place, so the table is rebuilt; DROP TABLE removes the append-only
                            // triggers before its implicit delete, and they are created again.
                            """
                    CREATE TABLE ledger_v4 (
                        seq            INTEGER PRIMARY KEY,
                        terminal_id    TEXT NOT NULL,
                        card_number    TEXT REFERENCES members (card_number),
                        kind           TEXT NOT NULL,
                        campaign_id    TEXT,
                        bundle_version INTEGER NOT NULL,
                        stamps_delta   INTEGER NOT NULL,
                        points_delta   INTEGER NOT NULL,
                        reference      TEXT NOT NULL,
                        visit_id       TEXT NOT NULL,
                        wall_time      TEXT NOT NULL,
                        clock_trusted  INTEGER NOT NULL CHECK (clock_trusted IN (0, 1)),
                        monotonic_ns   INTEGER NOT NULL,
                        CHECK (card_number IS NOT NULL OR kind = 'VOUCHER_REDEEMED')
                    )""",
                            "INSERT INTO ledger_v4 SELECT * FROM ledger",
                            "DROP TABLE ledger",
                            "ALTER TABLE ledger_v4 RENAME TO ledger",
                            """
                    CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END""",
                            """
                    CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END""",
                            """
                    CREATE TABLE vouchers (
                        reference       TEXT PRIMARY KEY,
                        terminal_number INTEGER NOT NULL,
                        sequence        INTEGER NOT NULL,
                        valid_through   TEXT NOT NULL,
                        reward_slot     INTEGER NOT NULL,
                        reward_id       TEXT NOT NULL,
                        reward_text     TEXT NOT NULL,
                        value_cents     INTEGER NOT NULL CHECK (value_cents >= 0),
                        scope           TEXT NOT NULL CHECK (scope IN ('CHAIN', 'STORE')),
                        terms           TEXT,
                        card_number     TEXT NOT NULL REFERENCES members (card_number),
                        issued_seq      INTEGER NOT NULL UNIQUE,
                        issued_at       TEXT NOT NULL
                    ) WITHOUT ROWID""",
                            """
                    CREATE TABLE voucher_redemptions (
                        reference   TEXT PRIMARY KEY,
                        redeemed_seq INTEGER NOT NULL,
                        redeemed_at TEXT NOT NULL,
                        source      TEXT NOT NULL
                    ) WITHOUT ROWID""",
                            """
                    CREATE TABLE voucher_prints (
                        print_id     INTEGER PRIMARY KEY,
                        reference    TEXT NOT NULL REFERENCES vouchers (reference),
                        kind         TEXT NOT NULL CHECK (kind IN ('ISSUE', 'REPRINT')),
                        requested_at TEXT NOT NULL,
                        state        TEXT NOT NULL CHECK (state IN ('QUEUED', 'PRINTED', 'REFUSED', 'NO_PRINTER')),
                        detail       TEXT NOT NULL DEFAULT '',
                        done_at      TEXT
                    )""",
                            "CREATE INDEX voucher_prints_queued ON voucher_prints (state) WHERE state = 'QUEUED'")),
            new Step(
                    5,
                    "HQ sync: acknowledged outbox rows, versions in force, HQ's campaigns, erasure",
                    List.of(
                            // Acknowledged rows are kept a while (not deleted) so HQ can ask for them again.
                            "ALTER TABLE outbox ADD COLUMN acked INTEGER NOT NULL DEFAULT 0 CHECK (acked IN (0, 1))",
                            "CREATE INDEX outbox_pending ON outbox (seq) WHERE acked = 0",
                            """
                    CREATE TABLE hq_versions (
                        scope      TEXT PRIMARY KEY,
                        version    INTEGER NOT NULL CHECK (version > 0),
                        applied_at TEXT NOT NULL
                    ) WITHOUT ROWID""",
                            """
                    CREATE TABLE hq_campaigns (
                        slot       TEXT PRIMARY KEY CHECK (slot = 'in-force'),
                        version    INTEGER NOT NULL,
                        bundle     TEXT NOT NULL,
                        target     TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    ) WITHOUT ROWID""",
                            // Erasure replaces a member's card number by a pseudonym in place; nothing else
                            // about a ledger row may ever change.
                            "DROP TRIGGER ledger_is_append_only_update",
                            """
                    CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
                    WHEN NOT (NEW.seq IS OLD.seq AND NEW.terminal_id IS OLD.terminal_id AND NEW.kind IS OLD.kind
                              AND NEW.campaign_id IS OLD.campaign_id AND NEW.bundle_version IS OLD.bundle_version
                              AND NEW.stamps_delta IS OLD.stamps_delta AND NEW.points_delta IS OLD.points_delta
                              AND NEW.visit_id IS OLD.visit_id AND NEW.wall_time IS OLD.wall_time
                              AND NEW.clock_trusted IS OLD.clock_trusted AND NEW.monotonic_ns IS OLD.monotonic_ns
                              AND (NEW.card_number IS OLD.card_number OR NEW.card_number LIKE 'erased-%')
                              AND (NEW.reference IS OLD.reference OR NEW.reference LIKE 'erased-%'))
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; only an erasure may replace a member by a pseudonym'); END""")),
            new Step(
                    6,
                    "campaign rules: explained awards, visits, birthdays",
                    List.of(
                            // ADD COLUMN rewrites no row, so the append-only triggers are not involved.
                            "ALTER TABLE ledger ADD COLUMN rule TEXT NOT NULL DEFAULT ''",
                            "ALTER TABLE ledger ADD COLUMN detail TEXT NOT NULL DEFAULT ''",
                            "ALTER TABLE ledger ADD COLUMN rules_clock_untrusted INTEGER NOT NULL DEFAULT 0"
                                    + " CHECK (rules_clock_untrusted IN (0, 1))",
                            "CREATE INDEX ledger_by_member ON ledger (card_number, seq)",
                            // Day and month only ("--MM-DD"), never a year: a birthday bonus needs no more.
                            "ALTER TABLE members ADD COLUMN birthday TEXT",
                            """
                    CREATE TABLE visits (
                        visit_id      TEXT PRIMARY KEY,
                        card_number   TEXT NOT NULL REFERENCES members (card_number),
                        terminal_id   TEXT NOT NULL,
                        opened_at     TEXT NOT NULL,
                        clock_trusted INTEGER NOT NULL CHECK (clock_trusted IN (0, 1))
                    ) WITHOUT ROWID""",
                            "CREATE INDEX visits_by_member ON visits (card_number, opened_at)",
                            // The erasure trigger of step 5 must also hold the new columns still.
                            "DROP TRIGGER ledger_is_append_only_update",
                            """
                    CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
                    WHEN NOT (NEW.seq IS OLD.seq AND NEW.terminal_id IS OLD.terminal_id AND NEW.kind IS OLD.kind
                              AND NEW.campaign_id IS OLD.campaign_id AND NEW.bundle_version IS OLD.bundle_version
                              AND NEW.stamps_delta IS OLD.stamps_delta AND NEW.points_delta IS OLD.points_delta
                              AND NEW.visit_id IS OLD.visit_id AND NEW.wall_time IS OLD.wall_time
                              AND NEW.clock_trusted IS OLD.clock_trusted AND NEW.monotonic_ns IS OLD.monotonic_ns
                              AND NEW.rule IS OLD.rule AND NEW.detail IS OLD.detail
                              AND NEW.rules_clock_untrusted IS OLD.rules_clock_untrusted
                              AND (NEW.card_number IS OLD.card_number OR NEW.card_number LIKE 'erased-%')
                              AND (NEW.reference IS OLD.reference OR NEW.reference LIKE 'erased-%'))
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; only an erasure may replace a member by a pseudonym'); END""")),
            new Step(
                    7,
                    "returns: receipts remember their visit and amount, refunds processed once",
                    List.of(
                            // No ledger column is added, so the append-only triggers of step 6 stay as they are.
                            "ALTER TABLE credited_receipts ADD COLUMN visit_id TEXT",
                            "ALTER TABLE credited_receipts ADD COLUMN amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0)",
                            "ALTER TABLE credited_receipts ADD COLUMN through_seq INTEGER",
                            // Holds no card number: the member is found through the original receipt's visit.
                            """
                    CREATE TABLE refunds (
                        refund_id        TEXT PRIMARY KEY,
                        original_receipt TEXT NOT NULL,
                        amount_cents     INTEGER NOT NULL CHECK (amount_cents >= 0),
                        seq              INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                            "CREATE INDEX refunds_by_original ON refunds (original_receipt)",
                            "CREATE INDEX ledger_by_visit ON ledger (visit_id)")),
            new Step(
                    8,
                    "visits record which balance they used: this till's or HQ's answer to a lookup",
                    List.of(
                            // Visits before this version used this till's balance: there was no lookup.
                            """
                    ALTER TABLE visits ADD COLUMN balance_source TEXT NOT NULL DEFAULT 'till'
                        CHECK (balance_source IN ('till', 'hq-offline', 'asked', 'hq', 'hq-unknown'))""",
                            // The answer's time, or the budget an unanswered question had.
                            "ALTER TABLE visits ADD COLUMN balance_ms INTEGER CHECK (balance_ms IS NULL OR balance_ms >= 0)")));

    static final int LATEST = STEPS.getLast().version();

    private Migrations() {}

    /** Brings the schema to {@link #LATEST}; returns the version found before. */
    static int migrate(Connection connection, String fileName) throws SQLException {
        int found = userVersion(connection);
        if (found > LATEST) {
            throw new StorageException("database " + fileName + " has schema version " + found
                    + " but this software knows up to " + LATEST
                    + "; install the newer software that wrote it, or restore a backup");
        }
        for (Step step : STEPS) {
            if (step.version() <= found) {
                continue;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : step.statements()) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + step.version());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new StorageException(
                        "database " + fileName + ": migration to schema version "
                                + step.version() + " (" + step.description() + ") failed: " + e.getMessage()
                                + "; the file was left at version " + userVersion(connection),
                        e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        return found;
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
