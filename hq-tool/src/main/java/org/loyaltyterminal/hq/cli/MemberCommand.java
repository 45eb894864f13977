package org.loyaltyterminal.hq.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.HqException;
import org.loyaltyterminal.hq.privacy.CardKeys;
import org.loyaltyterminal.hq.privacy.Consent;
import org.loyaltyterminal.hq.store.AccessExport;
import org.loyaltyterminal.hq.store.ConsentStore;
import org.loyaltyterminal.hq.store.ErasureStore;
import org.loyaltyterminal.hq.store.HqDatabase;
import org.loyaltyterminal.sync.wire.Json;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "member",
        mixinStandardHelpOptions = true,
        description = "A member's personal data at HQ: consents and the right of access.",
        subcommands = {MemberCommand.Export.class, MemberCommand.RecordConsent.class})
final class MemberCommand {

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Everything HQ holds about a member as one JSON document (right of access).")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Option(names = "--card", required = true, description = "The member's card number.")
        String card;

        @Option(
                names = "--privacy-secret-file",
                required = true,
                paramLabel = "FILE",
                description = "The HQ service's privacy.secret-file, to tell whether the card was erased.")
        Path secret;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "Write the document here (created owner-only) instead of standard output.")
        Optional<Path> out = Optional.empty();

        @Override
        public Integer call() throws IOException {
            ObjectNode document;
            try (HqDatabase db = HqDatabase.open(database.settings())) {
                document = new AccessExport(db, new ErasureStore(db, CardKeys.fromFile(secret)))
                        .export(card, Instant.now());
            }
            String text = new Json().mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
            PrintWriter console = spec.commandLine().getOut();
            if (out.isEmpty()) {
                console.println(text);
                return 0;
            }
            try {
                Files.createFile(
                        out.get(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(out.get(), text + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new HqException("--out " + out.get() + " cannot be written (" + e.getMessage()
                        + "); give a new file in a folder you may write to");
            }
            console.println("wrote " + document.path("events").size() + " events, "
                    + document.path("consents").size() + " consent records and the account of the member to "
                    + out.get());
            return 0;
        }
    }

    @Command(
            name = "consent",
            mixinStandardHelpOptions = true,
            description = {
                "Record a member's answer for one purpose (marketing or profiling), kept as a history.",
                "Loyalty itself needs no consent: refusing either purpose changes no award."
            })
    static final class RecordConsent implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Option(names = "--card", required = true, description = "The member's card number.")
        String card;

        @Option(names = "--purpose", required = true, description = "marketing or profiling.")
        String purpose;

        @ArgGroup(multiplicity = "1")
        Answer answer;

        static final class Answer {
            @Option(names = "--granted", required = true, description = "The member agreed.")
            boolean granted;

            @Option(names = "--refused", required = true, description = "The member refused or withdrew.")
            boolean refused;
        }

        @Option(
                names = "--source",
                required = true,
                description = "Where it was given, e.g. \"till form s017\", \"web shop\", \"call to support\".")
        String source;

        @Option(names = "--wording", required = true, description = "Version of the text the member saw, e.g. v3.")
        String wording;

        @Option(
                names = "--at",
                paramLabel = "TIME",
                description = "When it was given, ISO-8601 with offset (default: now).")
        Optional<String> at = Optional.empty();

        @Override
        public Integer call() {
            Instant givenAt = at.map(RecordConsent::time).orElseGet(Instant::now);
            Consent consent = new Consent(card, Consent.Purpose.of(purpose), answer.granted, givenAt, source, wording);
            try (HqDatabase db = HqDatabase.open(database.settings())) {
                new ConsentStore(db).record(consent, Instant.now());
            }
            spec.commandLine()
                    .getOut()
                    .println("recorded: " + purpose + " " + (answer.granted ? "granted" : "refused") + " (wording "
                            + wording + ", " + source + ")");
            return 0;
        }

        private static Instant time(String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new HqException(
                        "--at '" + text + "' is not a time with an offset, e.g. 2026-12-05T10:00:00+01:00");
            }
        }
    }
}
