package org.loyaltyterminal.device.nfc.pcsc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A pcscd of the test's own, with only the vsmartcard virtual reader, that does not touch the
 * system's pcscd:
 * <ul>
 * <li>its own reader.conf.d ({@code pcscd -c DIR}) with one vpcd entry on a free port pair (the
 *     vpcd driver opens two slots, PORT and PORT+1, named "Virtual PCD 00 00" and "... 00 01");</li>
 * <li>its own client socket: pcsc-lite 1.9.9's pcscd has the socket path compiled in
 *     (/run/pcscd/pcscd.comm) but accepts a socket passed by systemd socket activation, so it is
 *     started by {@code systemd-socket-activate -l SOCKET pcscd --foreground -c DIR}, which binds
 *     SOCKET and starts pcscd on the first client. Clients (libpcsclite) find the socket through
 *     the environment variable {@code PCSCLITE_CSOCK_NAME}, which Maven surefire sets for this
 *     module's test JVM.</li>
 * </ul>
 * As root, pcscd still writes and removes /run/pcscd/pcscd.pid; as any other user it logs that it
 * cannot, and runs.
 */
final class PrivatePcscd implements AutoCloseable {
    static final String SOCKET_ENV = "PCSCLITE_CSOCK_NAME";
    /** What to install: systemd for systemd-socket-activate, usually there already. */
    static final String PACKAGES = "pcscd vsmartcard-vpcd systemd";

    private static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
    private static final int MAX_UNIX_SOCKET_PATH = 107;

    private final Path dir;
    private final Path socket;
    private final int port;
    private final Path pcscd;
    private final Path activator;
    private Process process;
    private int starts;

    private PrivatePcscd(Path dir, Path socket, int port, Path pcscd, Path activator) {
        this.dir = dir;
        this.socket = socket;
        this.port = port;
        this.pcscd = pcscd;
        this.activator = activator;
    }

    /** What is missing to run a private pcscd here, or empty when everything is in place. */
    static Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        if (executable("pcscd", "/usr/sbin").isEmpty()) {
            missing.add("pcscd (package pcscd)");
        }
        if (executable("systemd-socket-activate", "/usr/bin").isEmpty()) {
            missing.add("systemd-socket-activate (package systemd)");
        }
        if (!Files.exists(VPCD_DRIVER)) {
            missing.add(VPCD_DRIVER + " (package vsmartcard-vpcd)");
        }
        String socketName = System.getenv(SOCKET_ENV);
        if (socketName == null || socketName.isBlank()) {
            missing.add("the environment variable " + SOCKET_ENV + " (set by surefire in device-drivers/pom.xml; "
                    + "run the test through Maven)");
        } else if (socketName.length() > MAX_UNIX_SOCKET_PATH) {
            missing.add("a socket path of at most " + MAX_UNIX_SOCKET_PATH + " characters (" + SOCKET_ENV + " is "
                    + socketName.length() + ": " + socketName + "; build from a shorter directory)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
    }

    /** Writes the configuration into the socket's directory and starts pcscd (on first client). */
    static PrivatePcscd start() throws IOException {
        Path socket = Path.of(System.getenv(SOCKET_ENV)).toAbsolutePath();
        Path dir = socket.getParent();
        Files.createDirectories(dir.resolve("reader.conf.d"));
        int port = freePortPair();
        Files.writeString(dir.resolve("reader.conf.d").resolve("vpcd"), """
                FRIENDLYNAME "Virtual PCD"
                DEVICENAME   /dev/null:%1$d
                LIBPATH      %2$s
                CHANNELID    %1$d
                """.formatted(port, VPCD_DRIVER));
        PrivatePcscd p = new PrivatePcscd(
                dir,
                socket,
                port,
                executable("pcscd", "/usr/sbin").orElseThrow(),
                executable("systemd-socket-activate", "/usr/bin").orElseThrow());
        p.launch();
        return p;
    }

    /** The vpcd port of slot "Virtual PCD 00 00"; a {@link VirtualCard} connects here. */
    int port() {
        return port;
    }

    /** Stops pcscd the way {@code systemctl stop} does (SIGTERM) and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A fresh pcscd on the same socket and port: what a pcscd restart looks like to a client. */
    void restart() throws InterruptedException, IOException {
        stop();
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void launch() throws IOException {
        Files.deleteIfExists(socket);
        Path log = dir.resolve("pcscd-" + ++starts + ".log");
        process = new ProcessBuilder(
                        activator.toString(),
                        "-l",
                        socket.toString(),
                        pcscd.toString(),
                        "--foreground",
                        "--info",
                        "-c",
                        dir.resolve("reader.conf.d").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("private pcscd did not bind " + socket + " (exit "
                        + (process.isAlive() ? "none, still running" : process.exitValue()) + "); see " + log);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the private pcscd", e);
            }
        }
    }

    private static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = a.getLocalPort();
                if (p >= 65535) {
                    continue;
                }
                try (ServerSocket b = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no two adjacent free TCP ports found for vpcd");
    }

    private static Optional<Path> executable(String name, String usualDir) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add(usualDir);
        return dirs.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
