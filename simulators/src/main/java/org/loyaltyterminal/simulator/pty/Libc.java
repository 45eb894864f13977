package org.loyaltyterminal.simulator.pty;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls a pseudo-terminal needs, bound once through the Foreign Function and
 * Memory API. Linux (glibc or musl) on x86_64 and aarch64: the flag values below are the Linux
 * ones. Every call that can fail captures errno, so a failure names its cause.
 *
 * <p>Only immutable method handles live here; no state.
 */
final class Libc {
    static final int O_RDWR = 0x2;
    static final int O_NOCTTY = 0x100; // 0400 octal
    static final int O_NONBLOCK = 0x800; // 04000 octal
    static final int TCSANOW = 0;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;

    /** glibc's struct termios is 60 bytes; 256 leaves room for any libc we might meet. */
    static final long TERMIOS_BYTES = 256;
    /** struct pollfd { int fd; short events; short revents; } */
    static final long POLLFD_BYTES = 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle POSIX_OPENPT = bind("posix_openpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GRANTPT = bind("grantpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle UNLOCKPT = bind("unlockpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PTSNAME_R =
            bindPlain("ptsname_r", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle TCGETATTR = bind("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CFMAKERAW = bindPlain("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle TCSETATTR =
            bind("tcsetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle READ =
            bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE =
            bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL =
            bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private Libc() {}

    /** Result of a call: its return value and, when it failed, errno. */
    record Result(long value, int errno) {
        boolean failed() {
            return value < 0;
        }
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    private static MethodHandle bindPlain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(
                        "libc symbol " + name + " not found; pseudo-terminals need Linux with glibc or musl"));
    }

    static Result posixOpenpt(int flags) {
        return call(POSIX_OPENPT, flags);
    }

    static Result grantpt(int fd) {
        return call(GRANTPT, fd);
    }

    static Result unlockpt(int fd) {
        return call(UNLOCKPT, fd);
    }

    /** ptsname_r returns the error number itself (0 on success) rather than setting errno. */
    static int ptsnameR(int fd, MemorySegment buf) {
        try {
            return (int) PTSNAME_R.invokeExact(fd, buf, buf.byteSize());
        } catch (Throwable t) {
            throw new LinkageError("ptsname_r failed to link", t);
        }
    }

    static Result tcgetattr(int fd, MemorySegment termios) {
        return call(TCGETATTR, fd, termios);
    }

    static void cfmakeraw(MemorySegment termios) {
        try {
            CFMAKERAW.invokeExact(termios);
        } catch (Throwable t) {
            throw new LinkageError("cfmakeraw failed to link", t);
        }
    }

    static Result tcsetattr(int fd, int when, MemorySegment termios) {
        return call(TCSETATTR, fd, when, termios);
    }

    static Result read(int fd, MemorySegment buf, long count) {
        return call(READ, fd, buf, count);
    }

    static Result write(int fd, MemorySegment buf, long count) {
        return call(WRITE, fd, buf, count);
    }

    static Result close(int fd) {
        return call(CLOSE, fd);
    }

    /** poll() on one descriptor; returns the revents bits, 0 on timeout, or a failed Result. */
    static Result pollOne(int fd, short events, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(POLLFD_BYTES, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, 4, events);
            pollfd.set(JAVA_SHORT, 6, (short) 0);
            Result r = call(POLL, pollfd, 1L, timeoutMillis);
            if (r.failed() || r.value() == 0) {
                return r;
            }
            return new Result(pollfd.get(JAVA_SHORT, 6) & 0xFFFF, 0);
        }
    }

    private static Result call(MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            Object[] full = new Object[args.length + 1];
            full[0] = capture;
            System.arraycopy(args, 0, full, 1, args.length);
            Object value = handle.invokeWithArguments(full);
            long v = value instanceof Integer i ? i : (Long) value;
            int errno = v < 0 ? (int) ERRNO.get(capture, 0L) : 0;
            return new Result(v, errno);
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("libc call failed to link", t);
        }
    }

    /** The symbolic name of the errno values a pty can produce, for messages. */
    static String errnoName(int errno) {
        return switch (errno) {
                    case 1 -> "EPERM";
                    case 2 -> "ENOENT";
                    case 4 -> "EINTR";
                    case 5 -> "EIO";
                    case 9 -> "EBADF";
                    case 11 -> "EAGAIN";
                    case 12 -> "ENOMEM";
                    case 13 -> "EACCES";
                    case 16 -> "EBUSY";
                    case 19 -> "ENODEV";
                    case 22 -> "EINVAL";
                    case 23 -> "ENFILE";
                    case 24 -> "EMFILE";
                    case 25 -> "ENOTTY";
                    case 28 -> "ENOSPC";
                    case 34 -> "ERANGE";
                    default -> "errno " + errno;
                }
                + " (" + errno + ")";
    }
}
