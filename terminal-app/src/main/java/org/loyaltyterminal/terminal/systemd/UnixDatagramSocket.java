package org.loyaltyterminal.terminal.systemd;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A Unix-domain datagram socket through the foreign function API. The JDK's
 * {@code UnixDomainSocketAddress} only works with stream channels, and systemd's notification
 * socket is a datagram socket, so the few libc calls are bound here: socket, sendto, and, for the
 * tests and the end-to-end test that play systemd's part, bind, poll and recv.
 *
 * <p>Linux only (the constants are Linux's, the same on x86_64 and aarch64). No state besides the
 * descriptor; the method handles are immutable.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    /** The descriptor must not leak into processes the JVM starts. */
    private static final int SOCK_CLOEXEC = 0x80000;
    /** No SIGPIPE if the receiver went away; the error comes back as EPIPE/ECONNREFUSED instead. */
    private static final int MSG_NOSIGNAL = 0x4000;

    private static final short POLLIN = 0x1;
    /** struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; } */
    private static final int SUN_PATH_OFFSET = 2;

    static final int SUN_PATH_BYTES = 108;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET =
            bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SENDTO =
            bind("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV =
            bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle POLL =
            bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final int fd;
    private volatile boolean closed;

    private UnixDatagramSocket(int fd) {
        this.fd = fd;
    }

    /** A new unbound datagram socket. */
    public static UnixDatagramSocket open() {
        Result r = call(SOCKET, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (r.failed()) {
            throw new NotifyException("cannot create a unix datagram socket: " + r.errnoText());
        }
        return new UnixDatagramSocket((int) r.value());
    }

    /** A socket bound to {@code address}, ready to receive: the service manager's side. */
    public static UnixDatagramSocket bound(NotifyAddress address) {
        UnixDatagramSocket socket = open();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = sockaddr(arena, address);
            Result r = call(BIND, socket.fd, sockaddr, (int) sockaddr.byteSize());
            if (r.failed()) {
                socket.close();
                throw new NotifyException("cannot bind a unix datagram socket to " + address + ": " + r.errnoText());
            }
        }
        return socket;
    }

    /** Sends one datagram; a datagram socket delivers it whole or not at all. */
    public void send(NotifyAddress to, byte[] message) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = sockaddr(arena, to);
            MemorySegment buffer = arena.allocate(Math.max(1, message.length));
            MemorySegment.copy(message, 0, buffer, JAVA_BYTE, 0, message.length);
            Result r =
                    call(SENDTO, fd, buffer, (long) message.length, MSG_NOSIGNAL, sockaddr, (int) sockaddr.byteSize());
            if (r.failed()) {
                throw new NotifyException("cannot send " + message.length + " bytes to " + to + ": " + r.errnoText());
            }
        }
    }

    /** Waits up to {@code timeout} for one datagram; empty when none came. */
    public Optional<byte[]> receive(Duration timeout, int maxBytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(8, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, 4, POLLIN);
            Result ready = call(POLL, pollfd, 1L, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (ready.failed()) {
                throw new NotifyException("poll on a unix datagram socket failed: " + ready.errnoText());
            }
            if (ready.value() == 0) {
                return Optional.empty();
            }
            MemorySegment buffer = arena.allocate(maxBytes);
            Result r = call(RECV, fd, buffer, (long) maxBytes, 0);
            if (r.failed()) {
                throw new NotifyException("recv on a unix datagram socket failed: " + r.errnoText());
            }
            return Optional.of(Arrays.copyOf(buffer.toArray(JAVA_BYTE), (int) r.value()));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            call(CLOSE, fd);
        }
    }

    /**
     * The address as {@code struct sockaddr_un} and its length. A path ends with a NUL; an
     * abstract name starts with a NUL and has none at the end: its length is exactly the bytes
     * given, as systemd counts them.
     */
    private static MemorySegment sockaddr(Arena arena, NotifyAddress address) {
        byte[] path = address.sunPath();
        MemorySegment sockaddr = arena.allocate(SUN_PATH_OFFSET + path.length + (address.isAbstract() ? 0 : 1), 2);
        sockaddr.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(path, 0, sockaddr, JAVA_BYTE, SUN_PATH_OFFSET, path.length);
        return sockaddr;
    }

    private record Result(long value, int errno) {
        boolean failed() {
            return value < 0;
        }

        String errnoText() {
            return switch (errno) {
                case 2 -> "ENOENT (no such socket; is the service manager still listening?)";
                case 13 -> "EACCES (permission denied on the socket)";
                case 98 -> "EADDRINUSE (the address is taken)";
                case 111 -> "ECONNREFUSED (nobody is bound to the socket)";
                case 11 -> "EAGAIN (the receiver's queue is full)";
                default -> "errno " + errno;
            };
        }
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup()
                .find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(
                        "libc symbol " + name + " not found; systemd notification needs Linux"));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    private static Result call(MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE);
            Object[] full = new Object[args.length + 1];
            full[0] = capture;
            System.arraycopy(args, 0, full, 1, args.length);
            Object value = handle.invokeWithArguments(full);
            long v = value instanceof Integer i ? i : (Long) value;
            return new Result(v, v < 0 ? (int) ERRNO.get(capture, 0L) : 0);
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new LinkageError("libc call failed to link", t);
        }
    }
}
