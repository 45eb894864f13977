package org.loyaltyterminal.simulator.hqbench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker the benchmark starts for itself, as sync-agent's test fixture does: one
 * listener on the loopback address and a free port, anonymous clients, as many connections as the file
 * descriptors allow, queues long enough that no batch is dropped for a busy worker (Mosquitto
 * drops QoS 1 messages beyond {@code max_queued_messages}, 1000 by default), TCP_NODELAY on its
 * sockets. No persistence: each run starts a broker of its own. Its log is {@code mosquitto.log}
 * in its folder.
 */
final class BenchBroker implements AutoCloseable {
    /** Where Debian and Homebrew put the binary when {@code /usr/sbin} is not on a user's PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path folder;

    private BenchBroker(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
    }

    /** The mosquitto executable on {@code PATH} or in the usual sbin folders. */
    static Optional<Path> find(Map<String, String> env) {
        List<String> dirs = new ArrayList<>(List.of(env.getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(EXTRA_DIRS);
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "mosquitto"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The first line of {@code mosquitto -h}, e.g. "mosquitto version 2.0.11". */
    static String version(Path binary) {
        try {
            Process help = new ProcessBuilder(binary.toString(), "-h")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            help.waitFor(10, TimeUnit.SECONDS);
            return output.lines()
                    .findFirst()
                    .orElse("mosquitto (version unknown)")
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(binary + " cannot be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "mosquitto (version unknown)";
        }
    }

    static BenchBroker start(Path binary, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        int port = freePort();
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "listener " + port + " " + host(),
                        "allow_anonymous true",
                        // As root, mosquitto would switch to the user 'mosquitto', who cannot write here.
                        "user " + System.getProperty("user.name"),
                        "persistence false",
                        "max_connections -1",
                        "max_queued_messages 1000000",
                        "max_inflight_messages 20",
                        "set_tcp_nodelay true",
                        "log_dest stdout",
                        "log_type error",
                        "log_type warning",
                        ""));
        Path log = folder.resolve("mosquitto.log");
        Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BenchBroker broker = new BenchBroker(process, port, folder);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!broker.accepting()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("mosquitto did not start listening on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s; its log " + log + ":\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return broker;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    String url() {
        return "tcp://" + host() + ":" + port;
    }

    private static String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    Path log() {
        return folder.resolve("mosquitto.log");
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(address(), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
