package org.loyaltyterminal.hq.store;

import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.loyaltyterminal.hq.HqException;

/** Database failures in words for the operator: what failed, why, and what to do. */
final class DatabaseErrors {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private DatabaseErrors() {}

    /** "database D: WHAT: why; what to do". */
    static HqException failure(DatabaseSettings settings, String what, Throwable cause) {
        return new HqException(
                "database " + settings.describe() + ": " + what + ": " + explain(settings, cause), cause);
    }

    /** A migration Flyway refused or could not finish. */
    static HqException migration(DatabaseSettings settings, FlywayException cause) {
        SQLException sql = deepestSql(cause);
        String why = sql != null
                ? explain(settings, cause)
                : oneLine(cause.getMessage())
                        + "; the schema was changed outside hq-tool or by another version of it: restore the"
                        + " database from its backup or run the hq-tool version that made it";
        return new HqException("database " + settings.describe() + ": schema migration failed: " + why, cause);
    }

    static String explain(DatabaseSettings settings, Throwable failure) {
        SQLException sql = deepestSql(failure);
        if (sql == null) {
            return oneLine(failure.getMessage());
        }
        String message = oneLine(sql.getMessage());
        return switch (settings.dialect()) {
            case POSTGRESQL -> postgresql(settings, sql.getSQLState() == null ? "" : sql.getSQLState(), message);
            case SQLITE -> sqlite(sql.getErrorCode() & 0xff, message);
        };
    }

    private static String postgresql(DatabaseSettings settings, String state, String message) {
        if (state.startsWith("08")) {
            return "cannot reach the server (" + message + "); check that PostgreSQL runs there and accepts TCP"
                    + " connections, and the URL's host and port";
        }
        String user = settings.user().map(u -> " of user " + u).orElse("");
        return switch (state) {
            case "28P01" ->
                "the server refused the password" + user + " (" + message
                        + "); check --database-user and the password in --database-password-file";
            case "28000" ->
                "the server refused the login (" + message + "); check the user name and the server's pg_hba.conf";
            case "3D000" ->
                "the database does not exist (" + message
                        + "); create it (createdb --owner=USER NAME) or correct the URL";
            case "42501" ->
                "permission denied (" + message
                        + "); the user must own the database or be allowed to create tables in it";
            case "53300" ->
                "the server has no connection to spare (" + message
                        + "); lower --database-pool-size or raise the server's max_connections";
            case "57P01", "57P02", "57P03" ->
                "the server is shutting down or starting up (" + message + "); try again once it is up";
            case "40001", "40P01" -> "kept colliding with other writers (" + message + "); try again";
            default -> message;
        };
    }

    private static String sqlite(int code, String message) {
        return switch (code) {
            case SQLITE_BUSY ->
                "the file stayed locked by another connection (" + message + "); check that no other program holds it";
            case SQLITE_CANTOPEN ->
                "cannot open the file (" + message
                        + "); check the path, that its folder exists and that this user may write there";
            case SQLITE_READONLY -> "the file is read-only (" + message + "); check its owner and mode";
            case SQLITE_FULL -> "the disk is full (" + message + "); free some space";
            case SQLITE_CORRUPT, SQLITE_NOTADB ->
                "the file is not an SQLite database or is damaged (" + message
                        + "); check the path, or restore the file from its backup";
            default -> message;
        };
    }

    /** The innermost SQLException: the driver's own, beneath the pool's and Flyway's wrappers. */
    private static SQLException deepestSql(Throwable failure) {
        SQLException found = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 32; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
