package org.loyaltyterminal.terminal.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.loyaltyterminal.terminal.ledger.StorageException;

/**
 * Keeps a second daemon off the same data folder: two writers would interleave sequence numbers
 * and visits. The OS releases the lock when the process dies, even by SIGKILL.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve("loyalty-terminal.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StorageException("data folder " + dataDir + " is in use by another loyalty-terminal process; "
                        + "stop it first (systemctl stop loyalty-terminal) or give this one its own data.dir");
            }
            return new DataDirLock(channel, lock);
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
