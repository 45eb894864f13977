package org.loyaltyterminal.terminal.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.terminal.ledger.SqliteLoyaltyStore;

/** The doctor's database check on a real SQLite file, writable and then read-only. */
class DatabaseWritableCheckTest {
    @TempDir
    Path dir;

    @Test
    void aWritableDatabasePassesAndAReadOnlyOneFailsWithTheFix() throws Exception {
        Path db = dir.resolve("loyalty.db");
        assertInstanceOf(CheckResult.Skipped.class, new DatabaseWritableCheck(db).run(), "not created yet");
        SqliteLoyaltyStore.open(db, "till-01", "boot").close();
        assertInstanceOf(CheckResult.Passed.class, new DatabaseWritableCheck(db).run());

        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // root writes through file modes: a read-only bind mount is what refuses it
            run("mount", "--bind", db.toString(), db.toString());
            run("mount", "-o", "remount,bind,ro", db.toString());
        } else {
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        }
        try {
            CheckResult.Failed failed = assertInstanceOf(CheckResult.Failed.class, new DatabaseWritableCheck(db).run());
            assertTrue(failed.problem().contains(db.toString()), failed.problem());
            assertTrue(failed.fix().contains("chown loyalty:"), failed.fix());
        } finally {
            if (root) {
                run("umount", "-l", db.toString());
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + output);
    }
}
