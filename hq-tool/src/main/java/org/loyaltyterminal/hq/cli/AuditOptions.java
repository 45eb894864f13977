package org.loyaltyterminal.hq.cli;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.loyaltyterminal.hq.publish.Outgoing;
import org.loyaltyterminal.hq.store.AuditLog;
import org.loyaltyterminal.hq.store.HqDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * HQ's database for the commands that sign something: with it, each publication and command is
 * written to the audit log (who, what, when, the digest of the signed message) and an erasure is
 * carried out in HQ's own tables too. Without it nothing is recorded, as before the service.
 */
final class AuditOptions {
    @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "HQ's database (audit log, erasure):%n")
    DatabaseOptions database;

    @Option(
            names = "--actor",
            paramLabel = "NAME",
            description = "Who is doing this, for the audit log (default: the login name).")
    Optional<String> actor = Optional.empty();

    @Option(
            names = "--privacy-secret-file",
            paramLabel = "FILE",
            description = "The HQ service's privacy.secret-file, to tombstone an erased card by its keyed hash.")
    Optional<Path> privacySecret = Optional.empty();

    Optional<HqDatabase> open() {
        return Optional.ofNullable(database).map(d -> HqDatabase.open(d.settings()));
    }

    String actor() {
        return actor.orElseGet(() ->
                Optional.ofNullable(System.getenv("SUDO_USER")).orElse(System.getProperty("user.name", "unknown")));
    }

    void record(HqDatabase db, String action, Optional<String> subject, Outgoing message, Instant at) {
        new AuditLog(db)
                .record(new AuditLog.Entry(
                        at,
                        actor(),
                        action,
                        subject,
                        digest(message),
                        message.description() + " to " + message.topic()));
    }

    static String digest(Outgoing message) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(message.payload().toArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
