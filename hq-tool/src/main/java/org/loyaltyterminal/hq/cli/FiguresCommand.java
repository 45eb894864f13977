package org.loyaltyterminal.hq.cli;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.loyaltyterminal.hq.figures.Figures;
import org.loyaltyterminal.hq.figures.FiguresJson;
import org.loyaltyterminal.hq.figures.FiguresRequestException;
import org.loyaltyterminal.hq.figures.FiguresTable;
import org.loyaltyterminal.hq.figures.ReportPeriod;
import org.loyaltyterminal.hq.figures.Scope;
import org.loyaltyterminal.hq.store.FiguresQueries;
import org.loyaltyterminal.hq.store.JdbcEventStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "figures",
        mixinStandardHelpOptions = true,
        description = "Programme figures of a chain or one of its stores for a period, from HQ's database:"
                + " enrolments, active members, visits, repeat visits, retention, points and vouchers, per campaign,"
                + " per day and per week. A table, or JSON with --json.")
final class FiguresCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--chain", required = true, paramLabel = "CHAIN", description = "The chain.")
    String chain;

    @Option(names = "--store", paramLabel = "STORE", description = "One store of the chain (default: the whole chain).")
    Optional<String> store = Optional.empty();

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "First day of the period, e.g. 2026-03-01 (default: 30 days before --to).")
    Optional<String> from = Optional.empty();

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "The day after the period, e.g. 2026-04-01 for all of March"
                    + " (default: 30 days after --from, or tomorrow: the 30 days ending today).")
    Optional<String> to = Optional.empty();

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "Time zone of the days, e.g. Europe/Berlin (default: this machine's).")
    Optional<String> zone = Optional.empty();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Scope scope;
        ReportPeriod period;
        try {
            ZoneId days = zone.map(text -> ReportPeriod.zone("--zone", text)).orElseGet(ZoneId::systemDefault);
            scope = new Scope(chain, store);
            period = ReportPeriod.of(
                    from.map(text -> ReportPeriod.date("--from", text)),
                    to.map(text -> ReportPeriod.date("--to", text)),
                    LocalDate.ofInstant(InstantSource.system().instant(), days),
                    days);
        } catch (FiguresRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Figures figures;
        try (JdbcEventStore events = database.openStore()) {
            figures = new FiguresQueries(events.database()).figures(scope, period);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? new FiguresJson().write(figures) : new FiguresTable().render(figures));
        out.flush();
        return 0;
    }
}
