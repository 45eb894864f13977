package org.loyaltyterminal.hq;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.loyaltyterminal.hq.mqtt.PahoBrokerClient;

/**
 * The adapter boundaries of HQ's reference tool, checked on its compiled main classes (not the
 * sync-agent classes it depends on; sync-agent's own ArchitectureTest covers those). An allowed
 * adapter includes its nested and anonymous classes and its lambdas.
 */
@AnalyzeClasses(packages = "org.loyaltyterminal.hq", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Everything else talks to the broker through the BrokerClient port. */
    @ArchTest
    static final ArchRule only_the_broker_adapter_uses_Paho = noClasses()
            .that()
            .doNotBelongToAnyOf(PahoBrokerClient.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.paho..")
            .because("HQ's one Paho adapter is PahoBrokerClient (docs/architecture.md)");

    /** Everything else stores and reads through the store package's classes (the EventStore port). */
    @ArchTest
    static final ArchRule only_the_store_uses_SQL = noClasses()
            .that()
            .resideOutsideOfPackage("org.loyaltyterminal.hq.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.sql..",
                    "javax.sql..",
                    "org.sqlite..",
                    "org.postgresql..",
                    "com.zaxxer.hikari..",
                    "org.flywaydb..")
            .because("HQ's one database adapter is the hq.store package (docs/architecture.md)");

    /** Ingest knows its port, not the database behind it. */
    @ArchTest
    static final ArchRule ingest_does_not_know_the_store = noClasses()
            .that()
            .resideInAPackage("org.loyaltyterminal.hq.ingest..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.loyaltyterminal.hq.store..")
            .because("the store implements ingest's EventStore, not the other way round (docs/architecture.md)");

    /** Every package is its own slice, so a cycle between a package and its sub-package counts too. */
    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("org.loyaltyterminal.(**)")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles();
}
