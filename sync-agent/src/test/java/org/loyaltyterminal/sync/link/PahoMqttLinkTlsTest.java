package org.loyaltyterminal.sync.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.sync.testing.Ports;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.sync.testing.TestPki;

/**
 * TLS as a till uses it, against Mosquitto with a TLS listener that requires a client
 * certificate: the broker's certificate is checked against the configured CA and its host name,
 * and the client proves itself with its own certificate. Certificates are made with the JDK's
 * keytool, so no OpenSSL is needed.
 */
class PahoMqttLinkTlsTest {
    @TempDir
    static Path dir;

    private static Process broker;
    private static int port;

    @BeforeAll
    static void startTlsBroker() throws Exception {
        Optional<Path> mosquitto = TestBrokers.mosquittoBinary(System.getenv());
        boolean ci = "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", ""));
        if (ci && mosquitto.isEmpty()) {
            throw new IllegalStateException("CI=true but mosquitto is not installed: the TLS test must run on CI");
        }
        assumeTrue(mosquitto.isPresent(), "mosquitto not installed: TLS against a real broker not tested here");
        TestPki.create(dir);

        port = Ports.free();
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "cafile " + dir.resolve("ca.pem"),
                        "certfile " + dir.resolve("server.pem"),
                        "keyfile " + dir.resolve("server.key"),
                        "require_certificate true",
                        "persistence false",
                        "user " + System.getProperty("user.name"),
                        ""));
        broker = new ProcessBuilder(
                        mosquitto.get().toString(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        Ports.awaitAccepting("mosquitto with TLS", port, Duration.ofSeconds(10), broker::isAlive);
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static LinkEvent connect(String host, String ca, boolean clientCertificate) throws InterruptedException {
        LinkSettings settings = new LinkSettings(
                URI.create("ssl://" + host + ":" + port),
                "tls-" + System.nanoTime(),
                false,
                Optional.of(new LinkSettings.Tls(
                        dir.resolve(ca),
                        clientCertificate ? Optional.of(dir.resolve("client.pem")) : Optional.empty(),
                        clientCertificate ? Optional.of(dir.resolve("client.key")) : Optional.empty())),
                Optional.empty(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                9);
        BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
        PahoMqttLink link = new PahoMqttLink(settings, events::add);
        try {
            link.connect(new Will("loyalty/v1/c/s/t/status", "{}".getBytes(StandardCharsets.UTF_8)));
            LinkEvent first = events.poll(20, TimeUnit.SECONDS);
            if (first instanceof LinkEvent.Connected) {
                link.publish("loyalty/v1/c/s/t/events", "{}".getBytes(StandardCharsets.UTF_8), false, 1);
                LinkEvent published = events.poll(20, TimeUnit.SECONDS);
                assertEquals(new LinkEvent.Published(1), published, "a QoS 1 publish over TLS is acknowledged");
            }
            return first;
        } finally {
            link.close();
        }
    }

    @Test
    void aTillWithTheRightCaAndAClientCertificateConnectsAndPublishes() throws InterruptedException {
        assertInstanceOf(LinkEvent.Connected.class, connect("localhost", "ca.pem", true));
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsRefused() throws InterruptedException {
        LinkEvent.ConnectFailed failed =
                assertInstanceOf(LinkEvent.ConnectFailed.class, connect("localhost", "rogue-ca.pem", true));
        assertTrue(
                String.valueOf(rootMessage(failed.cause()))
                                .toLowerCase(Locale.ROOT)
                                .contains("certification path")
                        || String.valueOf(rootMessage(failed.cause()))
                                .toLowerCase(Locale.ROOT)
                                .contains("certificate"),
                rootMessage(failed.cause()));
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() throws InterruptedException {
        // The certificate names "localhost" only; 127.0.0.1 is the same machine but not the same name.
        LinkEvent.ConnectFailed failed =
                assertInstanceOf(LinkEvent.ConnectFailed.class, connect("127.0.0.1", "ca.pem", true));
        assertTrue(rootMessage(failed.cause()).contains("127.0.0.1"), rootMessage(failed.cause()));
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheTill() throws InterruptedException {
        assertInstanceOf(LinkEvent.ConnectFailed.class, connect("localhost", "ca.pem", false));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        StringBuilder all = new StringBuilder();
        while (root != null) {
            all.append(root.getClass().getSimpleName())
                    .append(": ")
                    .append(root.getMessage())
                    .append(" / ");
            root = root.getCause() == root ? null : root.getCause();
        }
        return all.toString();
    }
}
