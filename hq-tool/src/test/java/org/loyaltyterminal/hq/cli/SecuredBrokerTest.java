package org.loyaltyterminal.hq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.hq.mqtt.BrokerEvent;
import org.loyaltyterminal.hq.mqtt.ConnectSpec;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;
import org.loyaltyterminal.hq.support.Cli;
import org.loyaltyterminal.hq.support.SecuredMosquitto;
import org.loyaltyterminal.sync.Topics;
import org.loyaltyterminal.sync.link.LinkSettings;
import org.loyaltyterminal.sync.testing.Await;
import org.loyaltyterminal.sync.testing.TestBrokers;
import org.loyaltyterminal.sync.testing.TestPki;
import org.loyaltyterminal.sync.wire.Json;
import org.loyaltyterminal.sync.wire.TerminalStatus;

/**
 * hq-tool's broker commands against a broker protected as the terminals' settings protect it: a
 * password file, and TLS that checks the broker's certificate and host name and wants a client
 * certificate. The right options work; a wrong password, a wrong or missing CA, a wrong host name
 * and a missing client certificate each fail with a message that names what to check.
 */
class SecuredBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static SecuredMosquitto broker;
    private static Path password;
    private static Path wrongPassword;
    private static Path keys;

    private final Topics me = new Topics("c1", "s1", "t1");

    @BeforeAll
    static void startBroker() throws Exception {
        Optional<Path> mosquitto = TestBrokers.mosquittoBinary(System.getenv());
        boolean ci = "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", ""));
        if (ci && mosquitto.isEmpty()) {
            throw new IllegalStateException(
                    "CI=true but mosquitto is not installed: the broker login and TLS test must run on CI");
        }
        assumeTrue(mosquitto.isPresent(), "mosquitto not installed: login and TLS against a real broker not tested");
        pki = TestPki.create(dir.resolve("pki"));
        broker = SecuredMosquitto.start(mosquitto.get(), dir.resolve("mosquitto"), pki);
        password = SecuredMosquitto.passwordFile(dir.resolve("password"), SecuredMosquitto.PASSWORD);
        wrongPassword = SecuredMosquitto.passwordFile(dir.resolve("wrong-password"), "not-the-password");
        keys = dir.resolve("keys");
        Cli.run("keygen", "--id", "hq", "--out", keys.toString()).ok();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Every login and TLS option, for the TLS listener as {@code host}, with {@code passwordFile}. */
    private static List<String> tls(String host, Path passwordFile) {
        return List.of(
                "--broker",
                broker.sslUrl(host),
                "--broker-username",
                SecuredMosquitto.USER,
                "--broker-password-file",
                passwordFile.toString(),
                "--ca-file",
                pki.ca().toString(),
                "--client-cert",
                pki.clientCertificate().toString(),
                "--client-key",
                pki.clientKey().toString());
    }

    private static List<String> signing() {
        return List.of("--key", keys.resolve("hq.key").toString(), "--key-id", "hq");
    }

    private static Cli run(List<String> command, List<String> broker) {
        List<String> args = new ArrayList<>(command);
        args.addAll(signing());
        args.addAll(broker);
        return Cli.run(args.toArray(String[]::new));
    }

    private static Cli resendFrom(List<String> broker) {
        return run(List.of("command", "resend-from", "--chain", "c1", "--sequence", "5"), broker);
    }

    /** A terminal's view: the same login and TLS files, through the tool's own client. */
    private static PahoBrokerClient terminal(List<BrokerEvent.Message> received) {
        PahoBrokerClient client = new PahoBrokerClient(
                new BrokerAccess(
                        broker.sslUrl("localhost"),
                        Optional.of(new LinkSettings.Login(SecuredMosquitto.USER, password)),
                        Optional.of(new LinkSettings.Tls(
                                pki.ca(), Optional.of(pki.clientCertificate()), Optional.of(pki.clientKey())))),
                "terminal-" + System.nanoTime(),
                event -> {
                    if (event instanceof BrokerEvent.Message message) {
                        received.add(message);
                    }
                });
        client.connect(new ConnectSpec(false, false, Optional.empty(), Duration.ofSeconds(10)));
        return client;
    }

    @Test
    void publishCampaignsCommandAndFleetWorkOverTlsWithAClientCertificateAndALogin() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, "{\"format\": 1, \"version\": 7, \"campaigns\": []}");
        List<BrokerEvent.Message> received = new CopyOnWriteArrayList<>();
        try (PahoBrokerClient terminal = terminal(received)) {
            terminal.subscribe(me.chainCampaigns());
            terminal.subscribe(me.chainCommands());

            run(List.of("publish-campaigns", "--chain", "c1", bundle.toString()), tls("localhost", password))
                    .ok();
            resendFrom(tls("localhost", password)).ok();
            Await.until(
                    "the bundle and the command at the terminal",
                    WAIT,
                    () -> received.stream().anyMatch(m -> m.topic().equals(me.chainCampaigns()))
                            && received.stream().anyMatch(m -> m.topic().equals(me.chainCommands())),
                    () -> received.toString());

            terminal.publish(me.status(), status().encode(new Json()), true);
            List<String> fleet = new ArrayList<>(List.of("fleet", "--once"));
            fleet.addAll(tls("localhost", password));
            Cli table = Cli.run(fleet.toArray(String[]::new)).ok();
            assertTrue(table.out().contains("c1/s1/t1") && table.out().contains("online"), table.out());
        }
    }

    @Test
    void plainTcpWithALoginWorksAndWithoutOneTheToolSaysALoginIsWanted() {
        resendFrom(List.of(
                        "--broker",
                        broker.tcpUrl(),
                        "--broker-username",
                        SecuredMosquitto.USER,
                        "--broker-password-file",
                        password.toString()))
                .ok();

        Cli anonymous = resendFrom(List.of("--broker", broker.tcpUrl()));
        assertEquals(1, anonymous.exitCode(), anonymous.err());
        assertTrue(
                anonymous.err().contains("the broker wants a login: pass --broker-username and --broker-password-file"),
                anonymous.err());
    }

    @Test
    void aWrongPasswordNamesTheLoginOptions() {
        Cli wrong = resendFrom(tls("localhost", wrongPassword));
        assertEquals(1, wrong.exitCode(), wrong.err());
        assertTrue(
                wrong.err()
                        .contains("the broker refused user 'hq': check --broker-username and the password in"
                                + " --broker-password-file"),
                wrong.err());
        assertFalse(wrong.err().contains("not-the-password"), "a password is never printed: " + wrong.err());
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsNotTrusted() {
        List<String> options = new ArrayList<>(tls("localhost", password));
        options.set(options.indexOf("--ca-file") + 1, pki.rogueCa().toString());
        Cli rogue = resendFrom(options);
        assertEquals(1, rogue.exitCode(), rogue.err());
        assertTrue(
                rogue.err()
                        .contains(
                                "the broker's certificate is not trusted: check that --ca-file holds the CA that signed it"),
                rogue.err());
    }

    @Test
    void aHostNameTheBrokerCertificateDoesNotCarryIsRefused() {
        // The certificate names "localhost" only; 127.0.0.1 is the same machine but not the same name.
        Cli wrongName = resendFrom(tls("127.0.0.1", password));
        assertEquals(1, wrongName.exitCode(), wrongName.err());
        assertTrue(
                wrongName.err().contains("the broker's certificate does not carry the host name in --broker"),
                wrongName.err());
    }

    @Test
    void withoutTheCaFileAnSslBrokerIsAUsageError() {
        List<String> options = new ArrayList<>(tls("localhost", password));
        int ca = options.indexOf("--ca-file");
        options.subList(ca, ca + 2).clear();
        Cli noCa = resendFrom(options);
        assertEquals(2, noCa.exitCode(), noCa.err());
        assertTrue(noCa.err().contains("is TLS and needs --ca-file"), noCa.err());
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheTool() {
        List<String> options = new ArrayList<>(tls("localhost", password));
        int cert = options.indexOf("--client-cert");
        options.subList(cert, cert + 4).clear();
        Cli noCert = resendFrom(options);
        assertEquals(1, noCert.exitCode(), noCert.err());
        assertTrue(noCert.err().contains("check --client-cert and --client-key"), noCert.err());
    }

    @Test
    void theBrokerClientReportsAWrongPasswordAsAnHqException() {
        BrokerAccess access = new BrokerAccess(
                broker.tcpUrl(),
                Optional.of(new LinkSettings.Login(SecuredMosquitto.USER, wrongPassword)),
                Optional.empty());
        try (PahoBrokerClient client = new PahoBrokerClient(access, "ingest-like", event -> {})) {
            HqException refused = assertThrows(
                    HqException.class,
                    () -> client.connect(new ConnectSpec(true, true, Optional.empty(), Duration.ofSeconds(10))));
            assertTrue(refused.getMessage().contains("--broker-password-file"), refused.getMessage());
        }
    }

    private static TerminalStatus status() {
        return new TerminalStatus(
                "t1",
                true,
                "connected",
                1,
                "boot-1",
                "loyalty-terminal 0.1.0",
                Instant.now(),
                true,
                Map.of("campaigns", 7L),
                0,
                Optional.empty(),
                0,
                0,
                Map.of());
    }
}
