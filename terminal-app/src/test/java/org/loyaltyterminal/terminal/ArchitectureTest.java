package org.loyaltyterminal.terminal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The boundaries docs/architecture.md ("Modules and packages") states for terminal-app, checked on the
 * compiled main classes. An allowed adapter includes its nested and anonymous classes and its lambdas;
 * nothing else may reach the library, directly or through a field, signature or call.
 */
@AnalyzeClasses(packages = "org.loyaltyterminal.terminal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String T = "org.loyaltyterminal.terminal.";

    /**
     * The classes that open or use a JDBC connection. Named by string because most of them are
     * package-private.
     */
    private static final List<String> SQLITE_ADAPTERS = List.of(
            T + "ledger.SqliteFile", // opens the file: settings, WAL, writability, the terminal it is bound to
            T + "ledger.SqliteSession", // the one connection, its transactions, savepoints and faults
            T + "ledger.WalHousekeeping", // checkpoints on a connection of their own
            T + "ledger.SqliteLoyaltyStore", // the facade; the scan's two writes still run here
            T + "ledger.LedgerRepository", // the repositories, each on the session
            T + "ledger.MemberHistoryRepository",
            T + "ledger.ConsistencyCheck",
            T + "ledger.MemberRepository",
            T + "ledger.VoucherRepository",
            T + "ledger.VoucherPrintRepository",
            T + "ledger.RefundRepository",
            T + "ledger.AwardRepository",
            T + "ledger.SqliteOutbox", // likewise
            T + "ledger.SqliteHqUpdates", // likewise
            T + "ledger.Migrations", // the schema, run by the store and checked by ReadOnlyLedger
            T + "ledger.ReadOnlyLedger", // the store's queries over read-only connections
            T + "status.SqliteLedgerFigures"); // the status page's read-only connection

    @ArchTest
    static final ArchRule only_the_sqlite_adapters_use_JDBC = noClasses()
            .that(areNotAnyOf(SQLITE_ADAPTERS))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
            .because("only the ledger's SQLite adapters and the status page's figures touch the SQLite driver"
                    + " (docs/architecture.md, STYLE.md rule 2)");

    /**
     * The demo, the benchmarks and the emulators live in the simulators module, which depends on the
     * daemon; the daemon reaching back would put them in its jar (and make a cycle).
     */
    @ArchTest
    static final ArchRule the_daemon_does_not_depend_on_the_simulators = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.loyaltyterminal.simulator..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Emulator")
            .because("what runs on a till holds no simulator (docs/architecture.md)");

    /** The till reaches HQ only through sync-agent's MqttLink port; PahoMqttLink lives in sync-agent. */
    @ArchTest
    static final ArchRule no_Paho_on_the_till_outside_sync_agent = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.paho..")
            .because("only sync-agent's PahoMqttLink imports Paho on the till (docs/architecture.md)");

    /** The devices are reached through device-drivers' ports; their adapters live there. */
    @ArchTest
    static final ArchRule no_device_libraries_outside_device_drivers = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.fazecast..", "com.pi4j..", "javax.smartcardio..")
            .because("only device-drivers' adapters import jSerialComm, Pi4J and smartcardio (docs/architecture.md)");

    /** Every package is its own slice, so a cycle between a package and its sub-package counts too. */
    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("org.loyaltyterminal.(**)")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles();

    private static DescribedPredicate<JavaClass> areNotAnyOf(List<String> classNames) {
        return DescribedPredicate.describe(
                "are not any of " + classNames,
                c -> classNames.stream()
                        .noneMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
    }
}
