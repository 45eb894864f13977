package org.loyaltyterminal.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.sync.signing.Ed25519Pem;

/** The hq.* keys: each mistake is refused at start-up naming the key and the fix. */
class HqConfigTest {
    private static final String BASE = """
            terminal.id = till-01
            store.id = store-0042
            chain.id = acme
            data.dir = data
            campaigns.file = campaigns.json
            scanner.port = /dev/ttyACM0
            member.card.1.pattern = ^2412[0-9]{9}$
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("hq-keys"));
        Files.writeString(
                dir.resolve("hq-keys/hq-2026.pub"),
                Ed25519Pem.publicPem(Ed25519Pem.generate().getPublic()));
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("mqtt.password"), "s3cret\n");
        Files.setPosixFilePermissions(dir.resolve("mqtt.password"), PosixFilePermissions.fromString("rw-------"));
    }

    private TerminalConfig load(String extra) throws IOException {
        Path file = dir.resolve("terminal.conf");
        Files.writeString(file, BASE + extra);
        return new ConfigLoader().load(file);
    }

    private String refusal(String extra) {
        return assertThrows(ConfigException.class, () -> load(extra)).getMessage();
    }

    @Test
    void noBrokerMeansNoLinkAndStrayKeysAreRefused() throws IOException {
        assertTrue(load("").hq().isEmpty());
        assertTrue(refusal("hq.keys-dir = hq-keys\n").contains("without hq.broker"));
    }

    @Test
    void aTlsBrokerWithCaKeysAndLoginIsRead() throws IOException {
        HqConfig hq = load("""
                hq.broker = ssl://mqtt.example.com:8883
                hq.tls.ca-file = ca.pem
                hq.keys-dir = hq-keys
                hq.username = till-01
                hq.password-file = mqtt.password
                hq.ack-timeout-seconds = 45
                """).hq().orElseThrow();
        assertEquals("mqtt.example.com", hq.broker().getHost());
        assertEquals(dir.resolve("ca.pem"), hq.caFile().orElseThrow());
        assertEquals(Set.of("hq-2026"), hq.trustedKeys().keys().keySet());
        assertEquals(Duration.ofSeconds(45), hq.ackTimeout());
        assertEquals(1024 * 1024, hq.maxMessageBytes());
    }

    @Test
    void theLookupBudgetIs300MillisecondsByDefaultZeroTurnsLookupsOff() throws IOException {
        String plain = "hq.broker = tcp://10.0.0.5:1883\nhq.allow-plain = true\nhq.keys-dir = hq-keys\n";
        assertEquals(Duration.ofMillis(300), load(plain).hq().orElseThrow().lookupBudget());
        assertEquals(
                Duration.ZERO,
                load(plain + "hq.lookup-budget-ms = 0\n").hq().orElseThrow().lookupBudget());
        assertEquals(
                Duration.ofMillis(150),
                load(plain + "hq.lookup-budget-ms = 150\n").hq().orElseThrow().lookupBudget());
        for (String bad : new String[] {"-1", "5001", "0.3", "300ms"}) {
            String message = refusal(plain + "hq.lookup-budget-ms = " + bad + "\n");
            assertTrue(message.contains("hq.lookup-budget-ms") && message.contains("0 to 5000"), message);
        }
    }

    @Test
    void plainTcpOnlyWhenAskedForExplicitly() throws IOException {
        String plain = "hq.broker = tcp://10.0.0.5:1883\nhq.keys-dir = hq-keys\n";
        assertTrue(refusal(plain).contains("hq.allow-plain = true"), refusal(plain));
        assertTrue(load(plain + "hq.allow-plain = true\n").hq().orElseThrow().allowPlain());
    }

    @Test
    void everyMistakeNamesItsKey() throws IOException {
        String ssl = "hq.broker = ssl://mqtt.example.com:8883\nhq.keys-dir = hq-keys\n";
        assertTrue(refusal(ssl).contains("hq.tls.ca-file"));
        assertTrue(refusal("hq.broker = mqtt.example.com\n").contains("hq.broker"));
        assertTrue(refusal("hq.broker = ssl://mqtt.example.com\nhq.tls.ca-file = ca.pem\nhq.keys-dir = hq-keys\n")
                .contains("a host and a port"));
        assertTrue(refusal(ssl + "hq.tls.ca-file = missing.pem\n").contains("hq.tls.ca-file"));
        assertTrue(refusal(ssl + "hq.tls.ca-file = ca.pem\nhq.username = till-01\n")
                .contains("hq.password-file"));
        assertTrue(refusal(ssl + "hq.tls.ca-file = ca.pem\nhq.topic = x\n").contains("unknown HQ key"));
        assertTrue(refusal(ssl + "hq.tls.ca-file = ca.pem\nhq.max-message-bytes = 10\n")
                .contains("hq.max-message-bytes"));
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws IOException {
        Files.setPosixFilePermissions(dir.resolve("mqtt.password"), PosixFilePermissions.fromString("rw-r--r--"));
        String message = refusal("""
                hq.broker = ssl://mqtt.example.com:8883
                hq.tls.ca-file = ca.pem
                hq.keys-dir = hq-keys
                hq.username = till-01
                hq.password-file = mqtt.password
                """);
        assertTrue(message.contains("chmod 600"), message);
        assertTrue(!message.contains("s3cret"), "the secret itself is never shown");
    }

    @Test
    void aKeyFolderWithoutKeysOrWithABrokenKeyIsRefused() throws IOException {
        Files.writeString(dir.resolve("hq-keys/hq-2026.pub"), "not a key");
        assertTrue(refusal("hq.broker = tcp://10.0.0.5:1883\nhq.allow-plain = true\nhq.keys-dir = hq-keys\n")
                .contains("hq-2026.pub"));
        Files.delete(dir.resolve("hq-keys/hq-2026.pub"));
        assertTrue(refusal("hq.broker = tcp://10.0.0.5:1883\nhq.allow-plain = true\nhq.keys-dir = hq-keys\n")
                .contains("no '<key-id>.pub' file"));
    }
}
