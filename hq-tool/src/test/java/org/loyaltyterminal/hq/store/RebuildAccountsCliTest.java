package org.loyaltyterminal.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyterminal.hq.store.Ledger.Spec;
import org.loyaltyterminal.hq.store.Ledger.Terminal;
import org.loyaltyterminal.hq.support.Cli;
import org.loyaltyterminal.hq.support.TestDatabase;
import org.loyaltyterminal.hq.support.TestDatabases;
import org.loyaltyterminal.sync.Topics;

/** {@code hq-tool rebuild-accounts} and the database options every database command shares. */
class RebuildAccountsCliTest {
    private static final Terminal T1 = new Terminal(
            new Topics("c1", "s1", "t1"),
            List.of(
                    new Spec("POINTS", "m-1", null, 10, 0, 0, ""),
                    new Spec("POINTS", "m-1", "coffee", 0, 2, 1, ""),
                    new Spec("HQ_BALANCE", "m-1", null, 500, 0, 2, ""),
                    new Spec("POINTS", "m-2", null, 3, 0, 3, "")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyterminal.hq.support.TestDatabases#kinds")
    void rebuildsTheAccountsAndSaysWhatItDid(TestDatabases.Kind kind, @TempDir Path dir) throws IOException {
        try (TestDatabase db = kind.create(dir)) {
            try (JdbcEventStore store = db.open(InstantSource.system())) {
                store.store(T1.where(), T1.batch(1, 4));
                store.database().transaction("test: tampering", c -> {
                    try (var s = c.createStatement()) {
                        s.executeUpdate("UPDATE accounts SET points = 99 WHERE member = 'm-2'");
                    }
                    return null;
                });
            }
            List<String> options = databaseOptions(db, dir);
            Cli fixed = Cli.run(concat("rebuild-accounts", options)).ok();
            assertEquals(
                    "rebuilt the accounts in " + db.settings().describe() + " from 3 counted events of 1 terminals:"
                            + " 3 account rows for 2 members, 2 member-store rows\n"
                            + "1 account rows differed from the events and were corrected\n",
                    fixed.out());
            Cli again = Cli.run(concat("rebuild-accounts", options)).ok();
            assertTrue(again.out().endsWith("every account was already in step with the events\n"), again.out());
            try (JdbcEventStore store = db.open(InstantSource.system())) {
                assertEquals(3, store.balance("m-2").orElseThrow().points());
            }
        }
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused(@TempDir Path dir) throws IOException {
        Path password = dir.resolve("password");
        Files.writeString(password, "secret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        Cli refused = Cli.run(
                "rebuild-accounts",
                "--database",
                "jdbc:postgresql://127.0.0.1:5432/hq",
                "--database-user",
                "hq",
                "--database-password-file",
                password.toString());
        assertEquals(1, refused.exitCode());
        assertEquals(
                "hq-tool rebuild-accounts: --database-password-file: " + password
                        + " is readable by group and others; run 'chmod 600 " + password + "'\n",
                refused.err());
    }

    @Test
    void anUnreachableDatabaseServerFailsWithWhatToDo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Cli failed = Cli.run("rebuild-accounts", "--database", "jdbc:postgresql://127.0.0.1:" + port + "/hq");
        assertEquals(1, failed.exitCode());
        assertTrue(
                failed.err()
                        .startsWith("hq-tool rebuild-accounts: database postgresql://127.0.0.1:" + port
                                + "/hq: cannot connect: cannot reach the server ("),
                failed.err());
        assertEquals(1, failed.err().lines().count(), "one line: " + failed.err());
    }

    /**
     * SQLite: {@code --db PATH}, the former option with a plain path. PostgreSQL: the URL without
     * its login, and the login as --database-user and a --database-password-file.
     */
    private static List<String> databaseOptions(TestDatabase db, Path dir) throws IOException {
        String url = db.settings().url();
        if (db.kind() == TestDatabases.Kind.SQLITE) {
            return List.of("--db", url.substring("jdbc:sqlite:".length()));
        }
        int query = url.indexOf('?');
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&", -1)) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        List<String> options = new ArrayList<>(List.of("--database", query < 0 ? url : url.substring(0, query)));
        if (parameters.containsKey("user")) {
            options.addAll(List.of("--database-user", parameters.get("user")));
        }
        if (parameters.containsKey("password")) {
            Path file = dir.resolve("database.password");
            Files.writeString(file, parameters.get("password") + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            options.addAll(List.of("--database-password-file", file.toString()));
        }
        return options;
    }

    private static String[] concat(String command, List<String> options) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(options);
        return all.toArray(String[]::new);
    }
}
