package org.loyaltyterminal.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.loyaltyterminal.device.nfc.pn532.Pn532Emulator;

/**
 * The boundaries docs/architecture.md ("Modules and packages") states for simulators, checked on
 * the compiled main classes. The PN532 emulator is imported with the driver package it shares.
 */
@AnalyzeClasses(
        packages = {"org.loyaltyterminal.simulator", "org.loyaltyterminal.device.nfc.pn532"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Named by string because it is package-private. */
    private static final String COMMIT_FLOOR = "org.loyaltyterminal.simulator.bench.CommitFloor";

    private static final String HQ_BENCH_DATABASE = "org.loyaltyterminal.simulator.hqbench.BenchDatabase";
    private static final String HQ_INSERT_FLOOR = "org.loyaltyterminal.simulator.hqbench.InsertFloor";

    /**
     * An emulator plays a device, so it stands where the hardware would: it knows the wire (bytes on
     * a pseudo-terminal or a socket) and the drivers' codecs, not the daemon. Only the demo, the
     * benchmarks and their commands drive the daemon.
     */
    @ArchTest
    static final ArchRule the_emulators_do_not_know_the_daemon = noClasses()
            .that()
            .resideInAnyPackage(
                    "org.loyaltyterminal.simulator.pty..",
                    "org.loyaltyterminal.simulator.scanner..",
                    "org.loyaltyterminal.simulator.printer..")
            .or()
            .belongToAnyOf(Pn532Emulator.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.loyaltyterminal.terminal..")
            .because("emulators stand on the far side of the wire (docs/architecture.md)");

    /** The emulated devices reach the drivers through the real transports, never through a driver's library. */
    @ArchTest
    static final ArchRule no_device_or_broker_libraries = noClasses()
            .that()
            .resideInAPackage("org.loyaltyterminal.simulator..")
            .or()
            .belongToAnyOf(Pn532Emulator.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.fazecast..", "com.pi4j..", "javax.smartcardio..", "org.eclipse.paho..")
            .because("only device-drivers' adapters and sync-agent import jSerialComm, Pi4J, smartcardio and Paho");

    @ArchTest
    static final ArchRule only_the_floors_and_the_hq_check_use_JDBC = noClasses()
            .that()
            .resideInAPackage("org.loyaltyterminal.simulator..")
            .and(areNot(COMMIT_FLOOR))
            .and(areNot(HQ_BENCH_DATABASE))
            .and(areNot(HQ_INSERT_FLOOR))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..")
            .because("the benchmark's bare-commit floor is the simulators' one SQLite connection, and hq-bench's"
                    + " database set-up, exactly-once check and bare-insert floor its only PostgreSQL ones; HQ's"
                    + " own storage is hq-tool's");

    /** hq-bench's tills are light clients on selectors, not Paho's thread per client (docs/hq-scale.md). */
    @ArchTest
    static final ArchRule the_simulated_tills_speak_MQTT_themselves = noClasses()
            .that()
            .resideInAPackage("org.loyaltyterminal.simulator.hqbench.mqtt..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.loyaltyterminal.hq..", "org.loyaltyterminal.sync..", "org.loyaltyterminal.terminal..")
            .because("the benchmark's MQTT client knows MQTT 3.1.1 and nothing of the loyalty protocol");

    /** Every package is its own slice, so a cycle between a package and its sub-package counts too. */
    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("org.loyaltyterminal.(**)")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles();

    /** The class and its nested and anonymous classes and lambdas. */
    private static DescribedPredicate<JavaClass> areNot(String className) {
        return DescribedPredicate.describe(
                "are not " + className,
                c -> !c.getName().equals(className) && !c.getName().startsWith(className + "$"));
    }
}
