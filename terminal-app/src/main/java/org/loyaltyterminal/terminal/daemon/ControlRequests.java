package org.loyaltyterminal.terminal.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from the command line to the running daemon, as files in the data folder: the CLI
 * writes {@code <id>.request} (atomically, by rename), the daemon's housekeeping answers with
 * {@code <id>.answer} and removes the request. Files rather than a socket: they need no port, no
 * extra permission model beyond the data folder's (the service user's), and a request written
 * while the daemon restarts is simply answered after it.
 */
public final class ControlRequests {
    private static final Logger log = LoggerFactory.getLogger(ControlRequests.class);
    private static final String REQUEST = ".request";
    private static final String ANSWER = ".answer";
    private static final int MAX_REQUEST_BYTES = 1_024;

    private final Path folder;

    public ControlRequests(Path dataDir) {
        this.folder = dataDir.resolve("requests");
    }

    /** CLI side: sends {@code command} and waits for the answer. Empty when none came in time. */
    public Optional<String> ask(String command, Duration wait) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        String id = UUID.randomUUID().toString();
        Path temporary = folder.resolve(id + ".tmp");
        Path request = folder.resolve(id + REQUEST);
        Path answer = folder.resolve(id + ANSWER);
        Files.writeString(temporary, command, StandardCharsets.UTF_8);
        Files.move(temporary, request, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(answer)) {
                String text = Files.readString(answer, StandardCharsets.UTF_8);
                Files.deleteIfExists(answer);
                return Optional.of(text);
            }
            Thread.sleep(50);
        }
        // Not answered: withdraw it, so a daemon started later does not act on a stale request.
        Files.deleteIfExists(request);
        return Optional.empty();
    }

    /** Daemon side: answers every waiting request with {@code handler}; never throws. */
    public void serve(Function<String, String> handler) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(folder, "*" + REQUEST)) {
            for (Path request : requests) {
                answer(request, handler);
            }
        } catch (IOException e) {
            log.warn(
                    "control requests in {}: cannot list ({}); requests from the command line wait",
                    folder,
                    e.getMessage());
        }
    }

    private void answer(Path request, Function<String, String> handler) {
        String name = request.getFileName().toString();
        Path answer = folder.resolve(name.substring(0, name.length() - REQUEST.length()) + ANSWER);
        try {
            String command = Files.size(request) > MAX_REQUEST_BYTES
                    ? ""
                    : Files.readString(request, StandardCharsets.UTF_8).strip();
            Files.deleteIfExists(request);
            String reply = handler.apply(command);
            Path temporary = folder.resolve(name + ".tmp");
            Files.writeString(temporary, reply, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, answer, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, answer, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("control request {}: not answered: {}", name, e.getMessage());
        }
    }
}
