package org.loyaltyterminal.hq.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code hq-tool serve} runs with, read from one {@code key = value} file (see
 * docs/hq-service.md). Paths are absolute here, resolved against the file's folder.
 *
 * @param databaseUrl   {@code jdbc:sqlite:...} (the embedded default) or {@code jdbc:postgresql://...}
 * @param serviceId     this host's name in client ids: workers on several hosts need different ones
 * @param pushWindow    a member's account is pushed to the stores they shopped in within this window
 * @param pushInterval  pushes are coalesced over this interval
 * @param retention     events older than this lose the member's card number (pseudonymised); empty: kept
 * @param httpPort      figures, metrics and health; 0: no HTTP
 */
public record ServiceConfig(
        Path source,
        String databaseUrl,
        Optional<String> databaseUser,
        Optional<Path> databasePasswordFile,
        int databasePoolSize,
        Broker broker,
        Path signingKey,
        String signingKeyId,
        Path privacySecret,
        String serviceId,
        int ingestWorkers,
        String ingestGroup,
        String lookupGroup,
        Duration pushWindow,
        Duration pushInterval,
        Optional<Duration> retention,
        String httpBind,
        int httpPort) {

    /** How to reach the broker, as the terminals' {@code hq.*} keys say it. */
    public record Broker(
            String url,
            Optional<String> username,
            Optional<Path> passwordFile,
            Optional<Path> caFile,
            Optional<Path> clientCertificate,
            Optional<Path> clientKey) {}
}
