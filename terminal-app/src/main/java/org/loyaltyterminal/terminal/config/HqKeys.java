package org.loyaltyterminal.terminal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.core.config.KeyValueFile;
import org.loyaltyterminal.sync.SyncException;
import org.loyaltyterminal.sync.link.SecretFile;
import org.loyaltyterminal.sync.signing.HqKeyRing;

/** The {@code hq.*} keys: where the broker is, how to trust it and HQ's signatures. */
final class HqKeys {
    private static final Set<String> KEYS = Set.of(
            "hq.broker",
            "hq.allow-plain",
            "hq.tls.ca-file",
            "hq.tls.client-certificate",
            "hq.tls.client-key",
            "hq.username",
            "hq.password-file",
            "hq.keys-dir",
            "hq.max-message-bytes",
            "hq.ack-timeout-seconds",
            "hq.lookup-budget-ms");

    private HqKeys() {}

    static Optional<HqConfig> read(KeyValueFile c, Path base) {
        Optional<String> brokerText = c.optional("hq.broker");
        if (brokerText.isEmpty()) {
            for (String key : c.keysStartingWith("hq.")) {
                throw c.invalid(
                        key,
                        c.optional(key).orElse(""),
                        "it has no effect without hq.broker; set hq.broker "
                                + "(e.g. ssl://mqtt.example.com:8883) or remove it");
            }
            return Optional.empty();
        }
        for (String key : c.keysStartingWith("hq.")) {
            if (!KEYS.contains(key)) {
                throw c.invalid(
                        key, c.optional(key).orElse(""), "unknown HQ key; the HQ keys are " + new TreeSet<>(KEYS));
            }
        }
        URI broker;
        try {
            broker = new URI(brokerText.get());
        } catch (URISyntaxException e) {
            throw c.invalid("hq.broker", brokerText.get(), "a broker address such as ssl://mqtt.example.com:8883");
        }
        String scheme = broker.getScheme() == null ? "" : broker.getScheme();
        if (!scheme.equals("ssl") && !scheme.equals("tcp")) {
            throw c.invalid(
                    "hq.broker", brokerText.get(), "ssl://host:port (or tcp://host:port with hq.allow-plain = true)");
        }
        if (broker.getHost() == null || broker.getPort() <= 0 || broker.getPort() > 65_535) {
            throw c.invalid("hq.broker", brokerText.get(), "a host and a port, e.g. ssl://mqtt.example.com:8883");
        }
        boolean allowPlain = bool(c, "hq.allow-plain");
        if (scheme.equals("tcp") && !allowPlain) {
            throw c.invalid(
                    "hq.broker",
                    brokerText.get(),
                    "ssl:// with hq.tls.ca-file: plain TCP exposes member events "
                            + "on the network; if the broker is on a trusted network, set hq.allow-plain = true");
        }
        Optional<Path> ca = file(c, base, "hq.tls.ca-file");
        if (scheme.equals("ssl") && ca.isEmpty()) {
            throw new ConfigException(c.source() + ": hq.broker is TLS but hq.tls.ca-file is not set; give the CA "
                    + "certificate (PEM) that signed the broker's certificate");
        }
        if (scheme.equals("tcp") && ca.isPresent()) {
            throw c.invalid("hq.tls.ca-file", c.optional("hq.tls.ca-file").orElse(""), "only with an ssl:// broker");
        }
        Optional<Path> cert = file(c, base, "hq.tls.client-certificate");
        Optional<Path> key = file(c, base, "hq.tls.client-key");
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException(c.source() + ": hq.tls.client-certificate and hq.tls.client-key go together; set "
                    + "both or neither");
        }
        Optional<String> username = c.optional("hq.username");
        Optional<Path> password = file(c, base, "hq.password-file");
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigException(
                    c.source() + ": hq.username and hq.password-file go together; set both or neither");
        }
        Path keysDir = base.resolve(c.required("hq.keys-dir", "/etc/loyalty-terminal/hq-keys"));
        if (!Files.isDirectory(keysDir)) {
            throw c.invalid(
                    "hq.keys-dir", keysDir.toString(), "a folder holding HQ's public signing keys as <key-id>.pub");
        }
        HqKeyRing ring;
        try {
            ring = HqKeyRing.fromFolder(keysDir);
            if (password.isPresent()) {
                SecretFile.requireOwnerOnly(password.get(), "hq.password-file");
            }
            if (key.isPresent()) {
                SecretFile.requireOwnerOnly(key.get(), "hq.tls.client-key");
            }
        } catch (SyncException e) {
            throw new ConfigException(c.source() + ": " + e.getMessage());
        }
        int maxBytes = positive(c, "hq.max-message-bytes", 1024 * 1024, 4 * 1024, 16 * 1024 * 1024);
        int ackSeconds = positive(c, "hq.ack-timeout-seconds", 30, 1, 3_600);
        // 0 turns lookups off; above a few seconds an answer would come after the visit's first scans.
        int lookupMillis = positive(c, "hq.lookup-budget-ms", 300, 0, 5_000);
        return Optional.of(new HqConfig(
                broker,
                allowPlain,
                ca,
                cert,
                key,
                username,
                password,
                keysDir,
                ring,
                maxBytes,
                Duration.ofSeconds(ackSeconds),
                Duration.ofMillis(lookupMillis)));
    }

    private static Optional<Path> file(KeyValueFile c, Path base, String key) {
        Optional<String> text = c.optional(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path path = base.resolve(text.get());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw c.invalid(
                    key, text.get(), "a readable file; " + path + " does not exist or cannot be read by this user");
        }
        return Optional.of(path);
    }

    private static boolean bool(KeyValueFile c, String key) {
        String value = c.optional(key).orElse("false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw c.invalid(key, value, "true or false");
        };
    }

    private static int positive(KeyValueFile c, String key, int defaultValue, int min, int max) {
        String text = c.optional(key).orElse(Integer.toString(defaultValue));
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw c.invalid(key, text, "a whole number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw c.invalid(key, text, "a whole number from " + min + " to " + max);
        }
    }
}
