package org.loyaltyterminal.simulator.pty;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.loyaltyterminal.device.DeviceException;

/**
 * A pseudo-terminal pair opened through libc with the Foreign Function and Memory API: the
 * master side stays in this object, the slave side appears as {@code /dev/pts/N} for a driver
 * to open as if it were a serial device. No socat or other helper process is involved.
 *
 * <p>The pair is put in raw mode (cfmakeraw) before anyone can open the slave, so bytes pass
 * unchanged: no echo, no line editing, no CR/LF translation.
 *
 * <p>{@link #close()} closes the master: to the driver on the slave side that looks like a USB
 * scanner being unplugged (its reads fail with EIO). {@link #openLinkedAt(Path)} additionally
 * keeps a stable symlink pointing at the slave, removed on close, so a test can "unplug" and
 * "replug" a device under the same path.
 *
 * <p>Thread safety: {@link #write}, {@link #read} and {@link #close} may be called from
 * different threads; close waits for a read or write slice in progress (at most 50 ms).
 */
public final class PseudoTerminal implements AutoCloseable {
    private static final int SLICE_MILLIS = 50;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final int masterFd;
    private final Path slavePath;
    private final Optional<Path> link;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private PseudoTerminal(int masterFd, Path slavePath, Optional<Path> link) {
        this.masterFd = masterFd;
        this.slavePath = slavePath;
        this.link = link;
    }

    /** Opens a new pair in raw mode. */
    public static PseudoTerminal open() {
        return openRaw(Optional.empty());
    }

    /**
     * Opens a new pair and points a symlink at {@code link} to its slave, replacing whatever was
     * there (atomically, so a driver polling the path never sees a half-made link). Close removes
     * the link again, unless it has been repointed at a newer pair meanwhile.
     */
    public static PseudoTerminal openLinkedAt(Path link) {
        Objects.requireNonNull(link, "link");
        PseudoTerminal pty = openRaw(Optional.of(link.toAbsolutePath()));
        Path absolute = pty.link.orElseThrow();
        Path temp = absolute.resolveSibling(
                absolute.getFileName() + ".pty-" + ProcessHandle.current().pid() + "-" + pty.masterFd + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, pty.slavePath);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            pty.close();
            throw new DeviceException(
                    "pty " + pty.slavePath + ": cannot link it at " + absolute + " (" + e
                            + "); check that the directory exists and is writable",
                    e);
        }
        return pty;
    }

    private static PseudoTerminal openRaw(Optional<Path> link) {
        Libc.Result opened = Libc.posixOpenpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK);
        if (opened.failed()) {
            throw new DeviceException("pty: posix_openpt failed with " + Libc.errnoName(opened.errno())
                    + "; check that /dev/ptmx exists and that devpts is mounted");
        }
        int fd = (int) opened.value();
        try {
            check(Libc.grantpt(fd), "grantpt");
            check(Libc.unlockpt(fd), "unlockpt");
            makeRaw(fd);
            return new PseudoTerminal(fd, slaveName(fd), link);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Where a driver opens the device: {@code /dev/pts/N}. */
    public Path slavePath() {
        return slavePath;
    }

    /** The stable symlink, when opened with {@link #openLinkedAt(Path)}. */
    public Optional<Path> link() {
        return link;
    }

    /**
     * Writes all bytes to the master, i.e. sends them to whoever holds the slave. Waits while the
     * terminal's buffer is full, for at most 5 s, then fails: nobody is reading.
     */
    public void write(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        int written = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            while (written < bytes.length) {
                lock.lock();
                try {
                    ensureOpen("write");
                    Libc.Result r = Libc.write(masterFd, buf.asSlice(written), bytes.length - written);
                    if (!r.failed()) {
                        written += (int) r.value();
                        continue;
                    }
                    if (r.errno() != Libc.EAGAIN && r.errno() != Libc.EINTR) {
                        throw new DeviceException("pty " + slavePath + ": write failed with "
                                + Libc.errnoName(r.errno()) + " after " + written + " of " + bytes.length
                                + " bytes; the pair is unusable, open a new one");
                    }
                    Libc.pollOne(masterFd, Libc.POLLOUT, SLICE_MILLIS);
                } finally {
                    lock.unlock();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new DeviceException("pty " + slavePath + ": buffer full for " + WRITE_TIMEOUT.toMillis()
                            + " ms, " + written + " of " + bytes.length
                            + " bytes written; is the slave side open and being read?");
                }
            }
        }
    }

    /**
     * Reads what the slave side sent, waiting up to {@code timeout} for the first byte.
     *
     * @return the number of bytes read into {@code buf}, or 0 when nothing arrived in time
     *         (also while no one has the slave open)
     */
    public int read(byte[] buf, Duration timeout) {
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(timeout, "timeout");
        if (buf.length == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(buf.length);
            while (true) {
                long remainingMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                int slice = (int) Math.min(SLICE_MILLIS, remainingMillis);
                boolean hangup = false;
                lock.lock();
                try {
                    ensureOpen("read");
                    Libc.Result polled = Libc.pollOne(masterFd, Libc.POLLIN, slice);
                    if (!polled.failed() && (polled.value() & Libc.POLLIN) != 0) {
                        Libc.Result r = Libc.read(masterFd, seg, buf.length);
                        if (r.value() > 0) {
                            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, buf, 0, (int) r.value());
                            return (int) r.value();
                        }
                        hangup = r.failed() && r.errno() == Libc.EIO;
                    } else if (!polled.failed() && (polled.value() & Libc.POLLHUP) != 0) {
                        hangup = true;
                    }
                } finally {
                    lock.unlock();
                }
                if (remainingMillis == 0) {
                    return 0;
                }
                if (hangup) {
                    // No slave open: poll() would return at once; wait a slice instead of spinning.
                    LockSupport.parkNanos(Duration.ofMillis(Math.min(SLICE_MILLIS, remainingMillis))
                            .toNanos());
                }
            }
        }
    }

    /** Closes the master ("unplug") and removes the link if it still points at this pair. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(masterFd);
        } finally {
            lock.unlock();
        }
        link.ifPresent(this::removeLinkIfOurs);
    }

    private void removeLinkIfOurs(Path l) {
        try {
            if (Files.isSymbolicLink(l) && Files.readSymbolicLink(l).equals(slavePath)) {
                Files.delete(l);
            }
        } catch (IOException e) {
            throw new DeviceException(
                    "pty " + slavePath + ": closed, but cannot remove link " + l + " (" + e + "); remove it by hand",
                    e);
        }
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new DeviceException("pty " + slavePath + ": " + what + " after close; open a new pair");
        }
    }

    private static void makeRaw(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment termios = arena.allocate(Libc.TERMIOS_BYTES, 8);
            check(Libc.tcgetattr(fd, termios), "tcgetattr");
            Libc.cfmakeraw(termios);
            check(Libc.tcsetattr(fd, Libc.TCSANOW, termios), "tcsetattr");
        }
    }

    private static Path slaveName(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(128);
            int err = Libc.ptsnameR(fd, buf);
            if (err != 0) {
                throw new DeviceException("pty: ptsname_r failed with " + Libc.errnoName(err)
                        + "; the master was opened but has no slave name");
            }
            return Path.of(buf.getString(0, StandardCharsets.US_ASCII));
        }
    }

    private static void check(Libc.Result result, String call) {
        if (result.failed()) {
            throw new DeviceException("pty: " + call + " failed with " + Libc.errnoName(result.errno())
                    + "; cannot set up the pseudo-terminal");
        }
    }

    @Override
    public String toString() {
        return "PseudoTerminal[" + slavePath + link.map(l -> " linked at " + l).orElse("") + "]";
    }
}
