package org.loyaltyterminal.device;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.loyaltyterminal.device.gpio.Pi4jIndicator;
import org.loyaltyterminal.device.serial.SerialLine;

/**
 * The boundaries docs/architecture.md ("Modules and packages") states for device-drivers, checked on
 * the compiled main classes. An allowed adapter includes its nested and anonymous classes and its
 * lambdas; nothing else may reach the library, directly or through a field, signature or call.
 */
@AnalyzeClasses(packages = "org.loyaltyterminal.device", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** One adapter opens and drives every serial port: scanner, PN532 and printer all go through it. */
    @ArchTest
    static final ArchRule only_the_serial_line_uses_jSerialComm = noClasses()
            .that()
            .doNotBelongToAnyOf(SerialLine.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.fazecast..")
            .because("only device.serial.SerialLine imports jSerialComm (docs/architecture.md, STYLE.md rule 2)");

    @ArchTest
    static final ArchRule only_the_gpio_adapter_uses_Pi4J = noClasses()
            .that()
            .doNotBelongToAnyOf(Pi4jIndicator.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.pi4j..")
            .because("only Pi4jIndicator imports Pi4J (docs/architecture.md, STYLE.md rule 2)");

    @ArchTest
    static final ArchRule only_the_pcsc_package_uses_smartcardio = noClasses()
            .that()
            .resideOutsideOfPackage("org.loyaltyterminal.device.nfc.pcsc")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javax.smartcardio..")
            .because("the PC/SC adapter keeps smartcardio types inside device.nfc.pcsc");

    /**
     * The pseudo-terminal and the device emulators live in the simulators module, which depends on
     * the drivers; a driver reaching back would put them in the daemon's jar (and make a cycle).
     */
    @ArchTest
    static final ArchRule the_drivers_do_not_depend_on_the_simulators = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.loyaltyterminal.simulator..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Emulator")
            .because("what runs on a till holds no simulator (docs/architecture.md)");

    /** Every package is its own slice, so a cycle between a package and its sub-package counts too. */
    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("org.loyaltyterminal.(**)")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles();
}
