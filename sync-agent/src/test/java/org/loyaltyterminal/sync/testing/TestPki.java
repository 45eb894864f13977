package org.loyaltyterminal.sync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A test CA that signs a broker certificate for {@code localhost} and a client certificate, and a
 * second, unrelated CA, made with the JDK's keytool (no OpenSSL needed) as PEM files the way an
 * operator receives them: certificates as PEM, keys as PKCS#8 PEM with mode 0600.
 */
public final class TestPki {
    private static final String STOREPASS = "changeit";

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Writes ca.pem, server.pem/.key, client.pem/.key and rogue-ca.pem into {@code dir}. */
    public static TestPki create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir);
        pki.authority("ca", "CN=Test HQ CA");
        pki.issue("server", "CN=localhost", "san=dns:localhost");
        pki.issue("client", "CN=client", "eku=clientAuth");
        pki.authority("rogue-ca", "CN=Rogue CA");
        return pki;
    }

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    /** A CA that signed nothing the broker presents. */
    public Path rogueCa() {
        return dir.resolve("rogue-ca.pem");
    }

    public Path serverCertificate() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path clientCertificate() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    private void authority(String alias, String dname) throws IOException, InterruptedException {
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-dname",
                dname,
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                alias + ".p12");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", alias + ".p12", "-file", alias + ".pem");
    }

    /** A key pair signed by the test CA: PEM certificate and PKCS#8 PEM key (0600). */
    private void issue(String name, String dname, String ext)
            throws IOException, InterruptedException, GeneralSecurityException {
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-dname",
                dname,
                "-validity",
                "2",
                "-keystore",
                name + ".p12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".pem",
                "-rfc",
                "-ext",
                ext,
                "-validity",
                "2");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, STOREPASS.toCharArray());
        }
        Key key = store.getKey(name, STOREPASS.toCharArray());
        Path keyFile = dir.resolve(name + ".key");
        Files.writeString(
                keyFile,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", STOREPASS, "-noprompt"));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
