package org.loyaltyterminal.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.loyaltyterminal.sync.link.PahoMqttLink;

/**
 * The boundaries docs/architecture.md ("Modules and packages") states for sync-agent, checked on the
 * compiled main classes. An allowed adapter includes its nested and anonymous classes and its lambdas.
 */
@AnalyzeClasses(packages = "org.loyaltyterminal.sync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The TLS helpers in sync.link (TlsContexts, SecretFile, NoDelaySockets) build JDK types only. */
    @ArchTest
    static final ArchRule only_the_mqtt_adapter_uses_Paho = noClasses()
            .that()
            .doNotBelongToAnyOf(PahoMqttLink.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.paho..")
            .because("only PahoMqttLink imports Paho; packet ids and Paho types stay inside it"
                    + " (docs/architecture.md, STYLE.md rules 2 and 5)");

    /** The outbox is a port here; its SQLite implementation lives in terminal-app's ledger. */
    @ArchTest
    static final ArchRule no_SQL_in_the_sync_agent = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.sqlite..")
            .because("the sync agent reaches storage only through the Outbox port");

    /** Every package is its own slice, so a cycle between a package and its sub-package counts too. */
    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("org.loyaltyterminal.(**)")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles();
}
