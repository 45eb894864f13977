package org.loyaltyterminal.hq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyterminal.hq.support.Cli;
import picocli.CommandLine;

/**
 * The broker options are checked as a terminal checks its {@code hq.*} keys, before any broker is
 * dialled: each mistake is a usage error (exit 2) naming the option to fix. No broker is running
 * here; the port is never reached.
 */
class BrokerOptionsTest {
    private static final String SSL = "ssl://localhost:1";
    private static final String TCP = "tcp://127.0.0.1:1";

    @TempDir
    Path dir;

    private Path file(String name, String content, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static Cli fleet(String... options) {
        List<String> args = new ArrayList<>(List.of("fleet", "--once"));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void usageError(Cli cli, String expected) {
        assertEquals(2, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains(expected), cli.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "publish-campaigns",
                "command erase-member",
                "command resend-from",
                "member-snapshot",
                "vouchers-redeemed",
                "ingest",
                "fleet"
            })
    void everyBrokerCommandTakesTheLoginAndTlsOptions(String command) {
        CommandLine line = new CommandLine(new Main());
        for (String name : List.of(command.split(" ", -1))) {
            line = line.getSubcommands().get(name);
        }
        for (String option : List.of(
                "--broker",
                "--broker-username",
                "--broker-password-file",
                "--ca-file",
                "--client-cert",
                "--client-key")) {
            assertNotNull(line.getCommandSpec().findOption(option), command + " lacks " + option);
        }
    }

    @Test
    void anSslBrokerNeedsTheCaFile() {
        usageError(fleet("--broker", SSL), "--broker " + SSL + " is TLS and needs --ca-file");
    }

    @Test
    void tlsFilesAreOnlyForAnSslBroker() throws IOException {
        Path ca = file("ca.pem", "x", "rw-r--r--");
        usageError(fleet("--broker", TCP, "--ca-file", ca.toString()), "are for an ssl:// broker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://localhost:1883", "ssl://localhost", "not a url"})
    void theBrokerIsAnSslOrTcpUrlWithAPort(String url) {
        Cli cli = fleet("--broker", url);
        assertEquals(2, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains("--broker '" + url + "'"), cli.err());
    }

    @Test
    void theClientCertificateAndKeyGoTogether() throws IOException {
        Path cert = file("client.pem", "x", "rw-r--r--");
        usageError(
                fleet("--broker", SSL, "--ca-file", cert.toString(), "--client-cert", cert.toString()),
                "--client-cert and --client-key go together");
    }

    @Test
    void theUserNameAndPasswordFileGoTogether() {
        usageError(
                fleet("--broker", TCP, "--broker-username", "hq"),
                "--broker-username and --broker-password-file go together");
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedAndItsContentNeverShown() throws IOException {
        Path open = file("password", "s3cret\n", "rw-r--r--");
        Cli cli = fleet("--broker", TCP, "--broker-username", "hq", "--broker-password-file", open.toString());
        usageError(cli, "--broker-password-file: " + open + " is readable by group and others; run 'chmod 600");
        assertFalse(cli.err().contains("s3cret"), cli.err());
    }

    @Test
    void aMissingOrEmptyPasswordFileIsNamed() throws IOException {
        Path missing = dir.resolve("missing");
        usageError(
                fleet("--broker", TCP, "--broker-username", "hq", "--broker-password-file", missing.toString()),
                "--broker-password-file: " + missing + " does not exist or cannot be read");
        Path empty = file("empty", "\n", "rw-------");
        usageError(
                fleet("--broker", TCP, "--broker-username", "hq", "--broker-password-file", empty.toString()),
                "--broker-password-file: " + empty + " is empty");
    }

    @Test
    void aClientKeyOthersMayReadIsRefused() throws IOException {
        Path cert = file("client.pem", "x", "rw-r--r--");
        Path key = file("client.key", "x", "rw-r-----");
        usageError(
                fleet(
                        "--broker",
                        SSL,
                        "--ca-file",
                        cert.toString(),
                        "--client-cert",
                        cert.toString(),
                        "--client-key",
                        key.toString()),
                "--client-key: " + key + " is readable by group; run 'chmod 600 " + key + "'");
    }

    @Test
    void aCaFileThatIsNoCertificateIsNamedByItsOption() throws IOException {
        Path ca = file("ca.pem", "not a certificate", "rw-r--r--");
        Cli cli = fleet("--broker", SSL, "--ca-file", ca.toString());
        usageError(cli, "--ca-file: " + ca);
        assertFalse(cli.err().contains("hq.tls"), "the terminal's key names mean nothing here: " + cli.err());
    }
}
