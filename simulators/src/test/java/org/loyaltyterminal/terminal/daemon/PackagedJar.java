package org.loyaltyterminal.terminal.daemon;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loyaltyterminal.simulator.pty.PseudoTerminal;

/**
 * The packaged command lines (the daemon's, hq-tool's and the simulators') run to their end, and a scanner's
 * line on a pseudo-terminal: shared by the end-to-end tests.
 */
public final class PackagedJar {
    public record Result(int exit, String output) {}

    private PackagedJar() {}

    /** The daemon's jar as `mvn verify` packaged it (failsafe passes its path); fails when it is missing. */
    public static Path path() {
        return existing("loyalty.jar", "../terminal-app/target/loyalty-terminal.jar", "the packaged daemon");
    }

    /** hq-tool's jar as `mvn verify` packaged it (failsafe passes its path); fails when it is missing. */
    public static Path hqTool() {
        return existing("loyalty.hq-tool.jar", "../hq-tool/target/hq-tool.jar", "the packaged hq-tool");
    }

    /** This module's jar as `mvn verify` packaged it (failsafe passes its path); fails when it is missing. */
    public static Path simulators() {
        return existing("loyalty.simulators.jar", "target/loyalty-simulators.jar", "the packaged simulators");
    }

    private static Path existing(String property, String fallback, String what) {
        Path jar = Path.of(System.getProperty(property, fallback));
        assertTrue(Files.isRegularFile(jar), what + " " + jar + " exists (run through mvn verify)");
        return jar;
    }

    /** Runs {@code java -jar jar args} with this JVM and returns its exit status and combined output. */
    public static Result run(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + String.join(" ", args));
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** One scan as a scanner in CR-terminated mode sends it. */
    public static void send(PseudoTerminal scanner, String payload) {
        scanner.write((payload + "\r").getBytes(US_ASCII));
    }
}
