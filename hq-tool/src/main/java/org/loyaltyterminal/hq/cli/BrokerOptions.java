package org.loyaltyterminal.hq.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.loyaltyterminal.hq.mqtt.BrokerAccess;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.link.LinkSettings;
import org.loyaltyterminal.sync.link.SecretFile;
import org.loyaltyterminal.sync.link.TlsContexts;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The broker and how to log in to it and trust it, for every command that talks to it: a
 * terminal's {@code hq.broker}, {@code hq.username}, {@code hq.password-file} and {@code hq.tls.*}
 * as options, checked as the terminal checks them at start-up, except that {@code tcp://} needs
 * no {@code allow-plain} (HQ's tool has always taken it).
 */
final class BrokerOptions {
    /** sync-agent's TLS code names the terminal's keys; an hq-tool operator knows the options. */
    private static final Map<String, String> TERMINAL_KEYS = Map.of(
            "hq.tls.ca-file", "--ca-file",
            "hq.tls.client-certificate", "--client-cert",
            "hq.tls.client-key", "--client-key");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--broker",
            required = true,
            paramLabel = "URL",
            description = "Broker URL: ssl://host:8883 (with --ca-file) or tcp://host:1883.")
    String broker;

    @Option(
            names = "--broker-username",
            paramLabel = "NAME",
            description = "MQTT user name, with --broker-password-file.")
    Optional<String> username = Optional.empty();

    @Option(
            names = "--broker-password-file",
            paramLabel = "FILE",
            description = "File whose first line is the MQTT password; only its owner may read it (chmod 600).")
    Optional<Path> passwordFile = Optional.empty();

    @Option(
            names = "--ca-file",
            paramLabel = "FILE",
            description = "PEM certificate(s) of the CA that signed the broker's certificate; needed for ssl://."
                    + " The broker's host name is checked against its certificate.")
    Optional<Path> caFile = Optional.empty();

    @Option(
            names = "--client-cert",
            paramLabel = "FILE",
            description = "PEM client certificate, for a broker that wants one (mutual TLS), with --client-key.")
    Optional<Path> clientCert = Optional.empty();

    @Option(
            names = "--client-key",
            paramLabel = "FILE",
            description = "The client certificate's PKCS#8 PEM key (openssl pkcs8 -topk8 -nocrypt);"
                    + " only its owner may read it (chmod 600).")
    Optional<Path> clientKey = Optional.empty();

    /** The checked options; a usage error (exit 2) names the option to fix. */
    BrokerAccess access() {
        String scheme = scheme();
        if (scheme.equals("ssl") && caFile.isEmpty()) {
            throw usage("--broker " + broker + " is TLS and needs --ca-file, the CA certificate (PEM) that signed"
                    + " the broker's certificate");
        }
        if (scheme.equals("tcp") && (caFile.isPresent() || clientCert.isPresent())) {
            throw usage("--ca-file, --client-cert and --client-key are for an ssl:// broker; --broker " + broker
                    + " is plain TCP");
        }
        if (clientCert.isPresent() != clientKey.isPresent()) {
            throw usage("--client-cert and --client-key go together; give both or neither");
        }
        if (username.isPresent() != passwordFile.isPresent()) {
            throw usage("--broker-username and --broker-password-file go together; give both or neither");
        }
        Optional<LinkSettings.Login> login = username.map(name -> {
            Path file = readable("--broker-password-file", passwordFile.get());
            try {
                Arrays.fill(SecretFile.readPassword(file, "--broker-password-file"), '\0');
            } catch (SyncException e) {
                throw usage(e.getMessage());
            }
            return new LinkSettings.Login(name, file);
        });
        Optional<LinkSettings.Tls> tls = caFile.map(ca -> new LinkSettings.Tls(
                readable("--ca-file", ca),
                clientCert.map(cert -> readable("--client-cert", cert)),
                clientKey.map(key -> readable("--client-key", key))));
        tls.ifPresent(this::tryTls);
        return new BrokerAccess(broker, login, tls);
    }

    private String scheme() {
        URI uri;
        try {
            uri = new URI(broker);
        } catch (URISyntaxException e) {
            throw usage("--broker '" + broker + "' is not a URL; give ssl://host:port or tcp://host:port");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("ssl") && !scheme.equals("tcp")) {
            throw usage("--broker '" + broker + "' must start with ssl:// (with --ca-file) or tcp://");
        }
        if (uri.getHost() == null || uri.getPort() <= 0 || uri.getPort() > 65_535) {
            throw usage("--broker '" + broker + "' needs a host and a port, e.g. ssl://mqtt.example.com:8883");
        }
        return scheme;
    }

    private Path readable(String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw usage(option + ": " + file + " does not exist or cannot be read by this user");
        }
        if (option.equals("--client-key")) {
            try {
                SecretFile.requireOwnerOnly(file, option);
            } catch (SyncException e) {
                throw usage(e.getMessage());
            }
        }
        return file;
    }

    /** Reads the certificates and key now, so a wrong file is a usage error before anything is done. */
    private void tryTls(LinkSettings.Tls tls) {
        try {
            TlsContexts.socketFactory(tls);
        } catch (SyncException e) {
            String message = e.getMessage();
            for (Map.Entry<String, String> key : TERMINAL_KEYS.entrySet()) {
                message = message.replace(key.getKey(), key.getValue());
            }
            throw usage(message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
