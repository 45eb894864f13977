package org.loyaltyterminal.terminal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.loyaltyterminal.core.campaign.CampaignBundle;
import org.loyaltyterminal.core.campaign.CampaignFileException;
import org.loyaltyterminal.core.campaign.Reward;
import org.loyaltyterminal.core.engine.MemberState;
import org.loyaltyterminal.core.engine.PointsLots;
import org.loyaltyterminal.device.Ticker;
import org.loyaltyterminal.terminal.campaign.CampaignFileLoader;
import org.loyaltyterminal.terminal.clock.TerminalClock;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.hq.RulesInForce;
import org.loyaltyterminal.terminal.ledger.LedgerEntry;
import org.loyaltyterminal.terminal.ledger.LoyaltyStore;
import org.loyaltyterminal.terminal.ledger.ReadOnlyLedger;
import org.loyaltyterminal.terminal.ledger.Redaction;
import org.loyaltyterminal.terminal.ledger.SqliteHqUpdates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "member",
        mixinStandardHelpOptions = true,
        description = "Show and correct a member's account.",
        subcommands = {MemberCommand.Show.class, MemberCommand.Adjust.class, MemberCommand.Birthday.class})
final class MemberCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Opens the store for writing under the data folder's lock: a writing command is refused while
     * the daemon runs, since two writers would interleave sequence numbers.
     */
    abstract static class StoreCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
        Path config;

        abstract int with(LoyaltyStore store, TerminalClock clock, PrintWriter out);

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (StoppedTill till = StoppedTill.open(new ConfigLoader().load(config))) {
                return with(till.store(), till.clock(), spec.commandLine().getOut());
            } catch (IllegalArgumentException e) {
                err.println("loyalty-terminal: " + e.getMessage());
                return ExitCodes.STARTUP_FAILED;
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Balances, open stamp cards and the last ledger rows of a member, each with the rule that produced it.",
                "Only reads (a read-only connection), so it runs while the daemon runs. Exit status: 0, 1 storage, 2 config."
            })
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the terminal's config file")
        Path config;

        @Parameters(paramLabel = "CARD", description = "the member's card number")
        String card;

        @Option(names = "--last", defaultValue = "20", description = "ledger rows to show (default ${DEFAULT-VALUE})")
        int last;

        @Option(
                names = "--expiring-days",
                defaultValue = "30",
                description =
                        "points expiring within this many days are shown as expiring soon (default ${DEFAULT-VALUE})")
        int expiringDays;

        @Override
        public Integer call() {
            TerminalConfig terminal = new ConfigLoader().load(config);
            // No data folder lock: this only reads, beside the daemon if it runs.
            try (ReadOnlyLedger ledger = ReadOnlyLedger.open(terminal.databaseFile(), terminal.terminalId())) {
                TerminalClock clock =
                        new TerminalClock(InstantSource.system(), Ticker.system(), terminal.clockSyncFlag());
                return show(ledger, terminal, clock, spec.commandLine().getOut());
            }
        }

        private int show(ReadOnlyLedger store, TerminalConfig terminal, TerminalClock clock, PrintWriter out) {
            if (!store.isMember(card)) {
                spec.commandLine()
                        .getErr()
                        .println("loyalty-terminal: member " + Redaction.mask(card)
                                + " is not enrolled on this terminal; nothing to show");
                return ExitCodes.STARTUP_FAILED;
            }
            MemberState state = store.memberState(card);
            out.printf("member %s%n", Redaction.mask(card));
            out.printf("points: %d%n", state.points());
            Optional<CampaignBundle> rules = rulesInForce(
                    terminal.campaignsFile(),
                    store.campaignsInForce(),
                    spec.commandLine().getErr());
            String tier = state.history()
                    .tier()
                    .map(id -> rules.flatMap(r -> r.programme().tiers().level(id))
                            .map(t -> t.name() + " (" + id + ")")
                            .orElse(id + " (not in the bundle in force)"))
                    .orElse("none");
            out.printf("tier: %s%n", tier);
            rules.flatMap(r -> r.programme().pointsExpiry()).ifPresent(expiry -> {
                PointsLots lots = PointsLots.of(state.history().pointsMovements());
                Duration age = Duration.ofDays(expiry.afterDays());
                Instant now = clock.now().wall();
                long due = lots.dueBy(now, age);
                out.printf(
                        "expiring soon (next %d days): %d points%s%n",
                        expiringDays,
                        lots.expiringWithin(now, age, Duration.ofDays(Math.max(0, expiringDays))),
                        due > 0
                                ? "; " + due + " points older than " + expiry.afterDays()
                                        + " days expire at the next visit"
                                : "");
            });
            rules.ifPresent(r -> printRewards(r, state.points(), out));
            out.println("open stamp cards:" + (state.stampsOnCard().isEmpty() ? " none" : ""));
            new TreeMap<>(state.stampsOnCard())
                    .forEach((campaign, stamps) -> out.printf("  %s: %d stamps%n", campaign, stamps));
            state.history().birthday().ifPresent(b -> out.println("birthday bonus on: " + b));
            List<LedgerEntry> entries = store.recentEntries(card, Math.max(1, last));
            out.println("last ledger rows (oldest first):");
            String visit = "";
            for (LedgerEntry e : entries) {
                if (!e.visitId().equals(visit)) {
                    visit = e.visitId();
                    out.printf(
                            "  visit %s at %s%s%s%n",
                            visit.length() > 8 ? visit.substring(0, 8) : visit,
                            e.time().wall(),
                            e.time().clockTrusted() ? "" : " (clock not synchronised)",
                            store.visitBalance(visit)
                                    .map(b -> ", balance: " + b.describe())
                                    .orElse(""));
                }
                out.printf(
                        "    [seq %d] %s %s%s%s%s%n",
                        e.sequence(),
                        e.kind(),
                        e.pointsDelta() != 0 ? (e.pointsDelta() > 0 ? "+" : "") + e.pointsDelta() + " points " : "",
                        e.stampsDelta() != 0 ? (e.stampsDelta() > 0 ? "+" : "") + e.stampsDelta() + " stamps " : "",
                        e.campaignId()
                                .map(c -> "campaign " + c + " v" + e.bundleVersion() + " ")
                                .orElse(""),
                        e.why().rule().isEmpty()
                                ? ""
                                : "because " + e.why().rule() + ": " + e.why().detail()
                                        + (e.why().clockUntrusted() ? " [judged on an unsynchronised clock]" : ""));
            }
            return ExitCodes.OK;
        }
    }

    /**
     * The catalogue rewards the member's points cover, for the member to choose from, and the one
     * the terminal would offer by the bundle's policy.
     */
    static void printRewards(CampaignBundle rules, long points, PrintWriter out) {
        List<Reward> within = rules.rewards().stream()
                .filter(r -> r.pointsCost().isPresent() && r.pointsCost().get() <= points)
                .toList();
        out.println("rewards within reach:" + (within.isEmpty() ? " none" : ""));
        for (Reward reward : within) {
            out.printf(
                    "  %s: %s (%s)%s%n",
                    reward.id(),
                    reward.text(),
                    reward.spendsAllPoints()
                            ? "all " + points + " points, at least "
                                    + reward.pointsCost().get()
                            : reward.pointsCost().get() + " points",
                    reward.controlCode().map(c -> ", scan " + c).orElse(""));
        }
        rules.programme()
                .rewardOffer()
                .ifPresent(offer -> out.printf(
                        "offered by policy %s: %s%n",
                        offer.policy().jsonName(),
                        rules.offerFor(points)
                                .map(r -> r.id() + " (scan " + offer.takeCode() + ")")
                                .orElse("none")));
    }

    /** The bundle the daemon would use: the campaign file, or HQ's newer one stored in the database. */
    static Optional<CampaignBundle> rulesInForce(
            Path campaignsFile, Optional<SqliteHqUpdates.StoredBundle> fromHq, PrintWriter err) {
        try {
            CampaignBundle file = new CampaignFileLoader().load(campaignsFile);
            return Optional.of(
                    RulesInForce.choose(file, fromHq, new CampaignFileLoader()).get());
        } catch (CampaignFileException e) {
            err.println("loyalty-terminal: tier names and points expiry not shown: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Command(
            name = "adjust",
            mixinStandardHelpOptions = true,
            description = {
                "A manager's correction of a member's points, recorded as an ADJUSTMENT ledger row and an event"
                        + " for HQ with the reason and the operator's id.",
                "Never takes the balance below zero. Runs while the daemon is stopped."
            })
    static final class Adjust extends StoreCommand {
        @Option(names = "--member", required = true, paramLabel = "CARD")
        String card;

        @Option(names = "--points", required = true, description = "points to add (negative to take)")
        long points;

        @Option(names = "--reason", required = true)
        String reason;

        @Option(names = "--operator", required = true, paramLabel = "ID")
        String operator;

        @Override
        int with(LoyaltyStore store, TerminalClock clock, PrintWriter out) {
            LedgerEntry e = store.adjustPoints(card, points, reason, operator, clock.now());
            out.printf(
                    "member %s: %+d points adjusted by %s [seq %d]; balance %d%n",
                    Redaction.mask(card),
                    points,
                    operator,
                    e.sequence(),
                    store.memberState(card).points());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "birthday",
            mixinStandardHelpOptions = true,
            description = "Record a member's birthday (day and month only, MM-DD) for birthday bonuses.")
    static final class Birthday extends StoreCommand {
        @Option(names = "--member", required = true, paramLabel = "CARD")
        String card;

        @Option(names = "--day", required = true, paramLabel = "MM-DD", description = "e.g. 06-12")
        String day;

        @Override
        int with(LoyaltyStore store, TerminalClock clock, PrintWriter out) {
            MonthDay parsed;
            try {
                parsed = MonthDay.parse("--" + day);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--day must look like 06-12 (month and day), was \"" + day + "\"");
            }
            store.setBirthday(card, parsed);
            out.printf("member %s: birthday recorded%n", Redaction.mask(card));
            return ExitCodes.OK;
        }
    }
}
