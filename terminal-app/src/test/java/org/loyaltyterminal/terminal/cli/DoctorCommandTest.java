package org.loyaltyterminal.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.terminal.testing.TillFiles;

/** {@code doctor} and {@code status} as an operator runs them: exit statuses and what they print. */
class DoctorCommandTest {
    @TempDir
    Path dir;

    @Test
    void doctorExitsThreeAndExplainsWhenADeviceIsMissing() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("unplugged-scanner"));
        Path passwd = Files.writeString(
                dir.resolve("passwd"), "loyalty:x:998:998::/var/lib/loyalty-terminal:/usr/sbin/nologin\n");
        Path group = Files.writeString(dir.resolve("group"), "loyalty:x:998:\n");
        Run run = run(
                "doctor", "--config", config.toString(), "--passwd", passwd.toString(), "--group", group.toString());
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.out().contains("ok       config " + config), run.out());
        assertTrue(run.out().contains("FAILED   scanner " + dir.resolve("unplugged-scanner") + ": "), run.out());
        assertTrue(run.out().contains("skipped  HQ link: not configured (no hq.broker)"), run.out());
        assertTrue(run.out().contains("some checks failed"), run.out());
    }

    @Test
    void doctorReportsABadConfigAsAFailedCheck() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        Files.writeString(config, Files.readString(config) + "gpio.buzzer = 99\n");
        Run run = run("doctor", "--config", config.toString());
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.out().contains("FAILED   config") && run.out().contains("key 'gpio.buzzer'"), run.out());
    }

    @Test
    void statusSaysWhenTheDaemonDoesNotAnswer() throws Exception {
        Path config = TillFiles.write(dir, dir.resolve("scanner"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TillFiles.withStatusPage(config, port);
        Run run = run("status", "--config", config.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(
                run.out().contains("does not answer on http://127.0.0.1:" + port + "/status.json")
                        && run.out().contains("systemctl status loyalty-terminal"),
                run.out());
    }

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int exit = Main.commandLine().setOut(writer).setErr(writer).execute(args);
        return new Run(exit, text.toString());
    }
}
