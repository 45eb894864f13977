package org.loyaltyterminal.hq.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.loyaltyterminal.core.config.ConfigException;
import org.loyaltyterminal.core.config.KeyValueFile;

/**
 * Reads the service's config file with the till's rules (core's {@link KeyValueFile}): unknown,
 * repeated and missing keys and bad values stop the start with the key, the value and the fix.
 */
public final class ServiceConfigLoader {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");

    public ServiceConfig load(Path file) {
        KeyValueFile c = KeyValueFile.parse(file.toString(), readLines(file));
        ServiceConfig config = build(c, file.toAbsolutePath().getParent());
        c.rejectUnknownKeys();
        return config;
    }

    ServiceConfig build(KeyValueFile c, Path base) {
        String url = c.optional("database.url").orElse("jdbc:sqlite:hq.db");
        if (url.startsWith("jdbc:sqlite:")) {
            // A relative SQLite file lives beside the config, as every other path here.
            url = "jdbc:sqlite:" + base.resolve(url.substring("jdbc:sqlite:".length()));
        } else if (!url.startsWith("jdbc:postgresql://")) {
            throw c.invalid("database.url", url, "use jdbc:postgresql://host:5432/hq or jdbc:sqlite:hq.db");
        }
        Optional<String> user = c.optional("database.user");
        Optional<Path> password = c.optional("database.password-file").map(base::resolve);
        if (password.isPresent() && user.isEmpty()) {
            throw new ConfigException(c.source() + ": database.password-file needs database.user");
        }
        ServiceConfig.Broker broker = new ServiceConfig.Broker(
                c.required("broker.url", "tcp://127.0.0.1:1883"),
                c.optional("broker.username"),
                c.optional("broker.password-file").map(base::resolve),
                c.optional("broker.tls.ca-file").map(base::resolve),
                c.optional("broker.tls.client-certificate").map(base::resolve),
                c.optional("broker.tls.client-key").map(base::resolve));
        if (!broker.url().startsWith("tcp://") && !broker.url().startsWith("ssl://")) {
            throw c.invalid("broker.url", broker.url(), "use tcp://host:1883 or ssl://host:8883");
        }
        if (broker.url().startsWith("ssl://") && broker.caFile().isEmpty()) {
            throw new ConfigException(c.source() + ": broker.url is TLS but broker.tls.ca-file is not set; give the"
                    + " CA that signed the broker's certificate");
        }
        if (broker.clientCertificate().isPresent() != broker.clientKey().isPresent()) {
            throw new ConfigException(c.source() + ": broker.tls.client-certificate and broker.tls.client-key go"
                    + " together; set both or neither");
        }
        if (broker.username().isPresent() != broker.passwordFile().isPresent()) {
            throw new ConfigException(
                    c.source() + ": broker.username and broker.password-file go together; set both or neither");
        }
        Path key = base.resolve(c.required("signing.key-file", "/etc/hq/keys/hq-2026.key"));
        String keyId = id(c, "signing.key-id", "hq-2026");
        Path secret = base.resolve(c.optional("privacy.secret-file").orElse("hq-secret"));
        String serviceId = c.optional("service.id").orElseGet(ServiceConfigLoader::hostName);
        if (!ID.matcher(serviceId).matches()) {
            throw c.invalid("service.id", serviceId, "use 1-48 of letters, digits, '.', '_', '-'");
        }
        int pool = number(c, "database.pool-size", 8, 1, 200);
        int workers = number(c, "ingest.workers", 2, 1, 32);
        String group = c.optional("ingest.group").orElse("hq-ingest");
        requireId(c, "ingest.group", group);
        String lookupGroup = c.optional("lookup.group").orElse("hq-lookup");
        requireId(c, "lookup.group", lookupGroup);
        Duration window = Duration.ofDays(number(c, "push.window-days", 30, 1, 3650));
        Duration interval = Duration.ofMillis(number(c, "push.interval-ms", 500, 10, 60_000));
        int retentionDays = number(c, "retention.days", 0, 0, 36_500);
        Optional<Duration> retention =
                retentionDays == 0 ? Optional.empty() : Optional.of(Duration.ofDays(retentionDays));
        String bind = c.optional("http.bind").orElse("127.0.0.1");
        int port = number(c, "http.port", 8470, 0, 65_535);
        return new ServiceConfig(
                Path.of(c.source()),
                url,
                user,
                password,
                pool,
                broker,
                key,
                keyId,
                secret,
                serviceId,
                workers,
                group,
                lookupGroup,
                window,
                interval,
                retention,
                bind,
                port);
    }

    private static String id(KeyValueFile c, String key, String hint) {
        String value = c.required(key, hint);
        requireId(c, key, value);
        return value;
    }

    private static void requireId(KeyValueFile c, String key, String value) {
        if (!ID.matcher(value).matches()) {
            throw c.invalid(key, value, "use 1-48 of letters, digits, '.', '_', '-', starting with a letter or digit");
        }
    }

    private static int number(KeyValueFile c, String key, int fallback, int min, int max) {
        Optional<String> text = c.optional(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw c.invalid(key, text.get(), "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw c.invalid(key, text.get(), "must be a whole number between " + min + " and " + max);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = switch (e) {
                case NoSuchFileException missing -> "does not exist; pass an existing file with --config";
                case MalformedInputException notUtf8 -> "is not valid UTF-8; save it as UTF-8";
                default -> "cannot be read (" + e.getMessage() + "); check that the service user may read it";
            };
            throw new ConfigException("config file " + file + " " + why);
        }
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        String name = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : localName();
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException("this host's name cannot be found (" + e.getMessage() + "); set service.id");
        }
    }
}
