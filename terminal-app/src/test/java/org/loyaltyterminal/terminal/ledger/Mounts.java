package org.loyaltyterminal.terminal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/** Mounts for storage-fault tests: they need root, which CI has; elsewhere they skip, under CI they fail. */
public final class Mounts {
    private Mounts() {}

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static void requireRoot(String what) {
        if ("true".equals(System.getenv("CI"))) {
            assertEquals("root", System.getProperty("user.name"), "CI runs as root for " + what);
        }
        assumeTrue(isRoot(), "skipped: " + what + " needs root to mount");
    }

    /** Fills the file system holding {@code filler}, then gives back {@code leftBytes} so a few more writes fit. */
    public static void fillLeaving(Path filler, long leftBytes) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the file system is full: what was wanted
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, Files.size(filler) - leftBytes));
        }
    }

    public static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 30 s");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + output);
    }
}
