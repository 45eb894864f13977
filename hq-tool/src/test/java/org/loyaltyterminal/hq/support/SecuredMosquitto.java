package org.loyaltyterminal.hq.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.loyaltyterminal.sync.testing.Ports;
import org.loyaltyterminal.sync.testing.TestPki;

/**
 * Mosquitto locked down as a production broker is: no anonymous clients, one user from a password
 * file, and two listeners on 127.0.0.1, plain TCP and TLS; the TLS one presents a certificate for
 * {@code localhost} from {@link TestPki}'s CA and admits only clients with a certificate from that
 * CA. Its log goes to {@code folder/mosquitto.log}.
 */
public final class SecuredMosquitto implements AutoCloseable {
    public static final String USER = "hq";
    public static final String PASSWORD = "s3cret-Passw0rd";
    /** Mosquitto's default for its PBKDF2-SHA512 ("$7$") hashes. */
    private static final int ITERATIONS = 101;

    private final Process process;
    private final Path folder;
    private final int tcpPort;
    private final int sslPort;

    private SecuredMosquitto(Process process, Path folder, int tcpPort, int sslPort) {
        this.process = process;
        this.folder = folder;
        this.tcpPort = tcpPort;
        this.sslPort = sslPort;
    }

    public static SecuredMosquitto start(Path binary, Path folder, TestPki pki)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        Path passwords = folder.resolve("passwd");
        Files.writeString(passwords, USER + ":" + hash(PASSWORD) + "\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        int tcpPort = Ports.free();
        int sslPort = Ports.free();
        while (sslPort == tcpPort) {
            sslPort = Ports.free();
        }
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "per_listener_settings false",
                        "allow_anonymous false",
                        "password_file " + passwords,
                        // Run as ourselves: as root, mosquitto would switch to the user 'mosquitto',
                        // which cannot read the test's files.
                        "user " + System.getProperty("user.name"),
                        "persistence false",
                        "log_dest stdout",
                        "log_type error",
                        "log_type warning",
                        "log_type notice",
                        "listener " + tcpPort + " 127.0.0.1",
                        "listener " + sslPort + " 127.0.0.1",
                        "cafile " + pki.ca(),
                        "certfile " + pki.serverCertificate(),
                        "keyfile " + pki.serverKey(),
                        "require_certificate true",
                        ""));
        Path log = folder.resolve("mosquitto.log");
        Process process = new ProcessBuilder(List.of(binary.toString(), "-c", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        SecuredMosquitto broker = new SecuredMosquitto(process, folder, tcpPort, sslPort);
        try {
            Ports.awaitAccepting("mosquitto on port " + tcpPort, tcpPort, Duration.ofSeconds(60), process::isAlive);
            Ports.awaitAccepting("mosquitto TLS on port " + sslPort, sslPort, Duration.ofSeconds(60), process::isAlive);
        } catch (IllegalStateException e) {
            broker.close();
            throw new IllegalStateException(e.getMessage() + "; its log:\n" + broker.log(), e);
        }
        return broker;
    }

    /** The plain listener: a login, no TLS. */
    public String tcpUrl() {
        return "tcp://127.0.0.1:" + tcpPort;
    }

    /** The TLS listener, reached as {@code host} (its certificate names {@code localhost} only). */
    public String sslUrl(String host) {
        return "ssl://" + host + ":" + sslPort;
    }

    public String log() {
        try {
            return Files.readString(folder.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** A password file as an operator writes it: the password on its first line, mode 0600. */
    public static Path passwordFile(Path file, String password) throws IOException {
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Mosquitto's "$7$" entry (as mosquitto_passwd writes it): PBKDF2-HMAC-SHA512, 12 bytes of salt. */
    private static String hash(String password) throws GeneralSecurityException {
        byte[] salt = new byte[12];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 512))
                .getEncoded();
        Base64.Encoder base64 = Base64.getEncoder();
        return "$7$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
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

    @Override
    public String toString() {
        return "secured mosquitto " + tcpUrl() + " and " + sslUrl("localhost");
    }
}
