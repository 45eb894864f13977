package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.engine.Award;

/**
 * The store on a real, small file system that fills up: refusals while it is full, no
 * acknowledged award lost, and commits again once space is freed, without a restart. Mounting a
 * tmpfs needs root (CI runs as root); elsewhere the test is skipped, under CI it fails.
 */
class StorageFaultTest {
    private static final String CARD = "2412000000017";
    private static final EventTime TIME = new EventTime(Instant.parse("2026-11-23T09:15:00Z"), true, 42);

    @TempDir
    Path dir;

    private Path mount;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = dir.resolve("small");
        Files.createDirectories(mount);
        Mounts.requireRoot("a 2 MB tmpfs for the full-disk test");
        Mounts.run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null && Mounts.isRoot()) {
            Mounts.run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aFullDiskRefusesScansAndTheStoreRecoversByItselfWhenSpaceIsFreed() throws IOException {
        Path filler = mount.resolve("filler");
        try (SqliteLoyaltyStore store = SqliteLoyaltyStore.open(mount.resolve("loyalty.db"), "till-01", "boot-1")) {
            store.enrol(CARD, "visit-1", TIME);
            List<String> acknowledged = new ArrayList<>();
            int failures = 0;
            // fill what is left, leaving the store a little to write into
            Mounts.fillLeaving(filler, 48 * 1024);
            assertTrue(store.fault().isEmpty(), "no fault before the disk fills");
            for (int i = 0; i < 400 && failures < 5; i++) {
                String receipt = "R" + i + "-".repeat(200);
                try {
                    store.commit(receipt(receipt, 5));
                    acknowledged.add(receipt);
                } catch (StorageException e) {
                    failures++;
                }
            }
            assertTrue(failures > 0, "the disk filled up and commits were refused");
            Optional<StorageFault> fault = store.fault();
            assertTrue(fault.isPresent(), "a full disk is a fault while it lasts");
            assertTrue(fault.get().problem().contains("full"), "the fault says the disk is full: " + fault.get());

            Files.delete(filler);
            store.maintain();
            assertTrue(store.fault().isEmpty(), "housekeeping finds that writes work again without waiting for a scan");
            String after = "R-after-free";
            store.commit(receipt(after, 7));
            acknowledged.add(after);
            assertTrue(store.fault().isEmpty(), "the fault clears with the first commit after space was freed");
            for (String receipt : acknowledged) {
                assertTrue(store.receiptCredited(receipt), "acknowledged receipt " + receipt + " kept");
            }
            assertEquals(
                    5L * (acknowledged.size() - 1) + 7,
                    store.memberState(CARD).points(),
                    "the balance is the acknowledged receipts' points, no refused one half-written");
            assertTrue(store.check().consistent(), "ledger consistent after the fault");
        }
        try (SqliteLoyaltyStore reopened = SqliteLoyaltyStore.open(mount.resolve("loyalty.db"), "till-01", "boot-2")) {
            assertTrue(reopened.receiptCredited("R-after-free"), "the commit after recovery survives a reopen");
            assertFalse(reopened.receiptCredited("R399" + "-".repeat(200)), "a refused receipt was not recorded");
        }
    }

    @Test
    void aReadOnlyDatabaseFileStopsTheOpenWithTheFix() throws Exception {
        Path db = mount.resolve("loyalty.db");
        SqliteLoyaltyStore.open(db, "till-01", "boot-1").close();
        Mounts.run("mount", "--bind", db.toString(), db.toString());
        try {
            Mounts.run("mount", "-o", "remount,bind,ro", db.toString());
            StorageException e =
                    assertThrows(StorageException.class, () -> SqliteLoyaltyStore.open(db, "till-01", "boot-2"));
            assertTrue(
                    e.getMessage().contains("read-only"), "the message says the file is read-only: " + e.getMessage());
            assertTrue(e.getMessage().contains("service user"), "the message names the fix: " + e.getMessage());
        } finally {
            Mounts.run("umount", "-l", db.toString());
        }
    }

    private static AwardCommit receipt(String id, long points) {
        return new AwardCommit.ReceiptCredit(
                CARD,
                "visit-1",
                id,
                List.of(new Award.PointsAwarded("points", points)),
                7,
                TIME,
                List.of(),
                OptionalLong.empty());
    }
}
