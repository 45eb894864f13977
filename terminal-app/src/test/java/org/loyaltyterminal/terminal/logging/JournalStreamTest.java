package org.loyaltyterminal.terminal.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {
    @TempDir
    Path dir;

    @Test
    void theVariableCountsOnlyWhenItNamesOurStdout() throws Exception {
        Path stdout = Files.createFile(dir.resolve("stdout"));
        long dev = ((Number) Files.getAttribute(stdout, "unix:dev")).longValue();
        long ino = ((Number) Files.getAttribute(stdout, "unix:ino")).longValue();
        assertTrue(JournalStream.connected(Optional.of(dev + ":" + ino), stdout));
        assertFalse(
                JournalStream.connected(Optional.of(dev + ":" + (ino + 1)), stdout),
                "inherited from a parent whose stdout it was");
        assertFalse(JournalStream.connected(Optional.empty(), stdout), "run by hand");
        assertFalse(JournalStream.connected(Optional.of("journal"), stdout));
    }

    @Test
    void prioritiesAreSyslogs() {
        assertEquals("<3>", JournalPriorityConverter.prefix(Level.ERROR));
        assertEquals("<4>", JournalPriorityConverter.prefix(Level.WARN));
        assertEquals("<6>", JournalPriorityConverter.prefix(Level.INFO));
        assertEquals("<7>", JournalPriorityConverter.prefix(Level.DEBUG));
    }
}
