package org.loyaltyterminal.terminal.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.loyaltyterminal.terminal.ledger.StorageException;

/**
 * Keeps a second daemon off the same data folder: two writers would interleave sequence numbers
 * and visits. The OS releases the lock when the process dies, even by SIGKILL.
 */
public final class DataDirLock implements AutoCloseable {
    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Whether another process holds the lock, i.e. the daemon is running on this data folder. */
    public static boolean heldElsewhere(Path dataDir) {
        try (DataDirLock probe = acquire(dataDir)) {
            return false;
        } catch (StorageException e) {
            return e instanceof InUse;
        }
    }

    /** The folder is locked by another process. */
    public static final class InUse extends StorageException {
        InUse(String message) {
            super(message);
        }
    }

    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve("loyalty-terminal.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // held by this very JVM (a test, or a command run inside the daemon's process): in use all the same
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InUse("data folder " + dataDir + " is in use by another loyalty-terminal process; "
                        + "stop it first (systemctl stop loyalty-terminal) or give this one its own data.dir");
            }
            return new DataDirLock(dataDir, channel, lock);
        } catch (IOException e) {
            throw new StorageException("data folder " + dataDir + " cannot be locked (" + e.getMessage()
                    + "); check data.dir and the service user's rights");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending; the OS drops the lock anyway
        }
    }
}
