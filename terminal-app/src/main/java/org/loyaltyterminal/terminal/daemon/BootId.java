package org.loyaltyterminal.terminal.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** This boot's identity: monotonic times are only comparable within one boot. */
final class BootId {
    private static final Path KERNEL_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {}

    static String read() {
        try {
            return Files.readString(KERNEL_BOOT_ID).strip();
        } catch (IOException | SecurityException e) {
            // Not Linux, or hidden by a sandbox: a random id still separates this process's times from others.
            return "process-" + UUID.randomUUID();
        }
    }
}
