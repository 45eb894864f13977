package org.loyaltyterminal.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Random;

/**
 * The boundaries docs/architecture.md ("Modules and packages") states for the loyalty core, checked on
 * its compiled main classes: the till and HQ share it, so it holds decisions and values only.
 */
@AnalyzeClasses(packages = "org.loyaltyterminal.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String C = "org.loyaltyterminal.core.";

    @ArchTest
    static final ArchRule core_does_no_io = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.nio.file..",
                    "java.nio.channels..",
                    "java.net..",
                    "java.sql..",
                    "javax.sql..",
                    "java.util.concurrent..",
                    "org.sqlite..",
                    "org.eclipse.paho..",
                    "com.fazecast..",
                    "com.pi4j..",
                    "org.slf4j..",
                    "org.loyaltyterminal.terminal..",
                    "org.loyaltyterminal.hq..",
                    "org.loyaltyterminal.sync..",
                    "org.loyaltyterminal.device..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(
                    File.class,
                    FileInputStream.class,
                    FileOutputStream.class,
                    FileReader.class,
                    FileWriter.class,
                    RandomAccessFile.class)
            .because("the core is shared by the till and HQ and does no I/O: files, sockets, databases, logging"
                    + " and threads belong to the adapters (docs/architecture.md)");

    /** Time comes in as values (Instant, Duration, ZoneId); nothing in the core reads a clock. */
    @ArchTest
    static final ArchRule core_reads_no_clock_and_starts_no_thread = noClasses()
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(
                    Clock.class,
                    InstantSource.class,
                    System.class,
                    Runtime.class,
                    ProcessBuilder.class,
                    Thread.class,
                    ThreadLocal.class,
                    Random.class)
            .orShould()
            .callMethodWhere(DescribedPredicate.describe(
                    "a java.time now()",
                    call -> call.getTarget().getName().equals("now")
                            && call.getTargetOwner().getPackageName().startsWith("java.time")))
            .because("the core is pure: the same inputs give the same awards (STYLE.md rule 7)");

    /**
     * The engine takes plain values and returns plain values: the JDK's value types, collections and
     * the campaign rules it evaluates. Not even JSON: parsing is the campaign checker's job.
     */
    @ArchTest
    static final ArchRule engine_depends_only_on_values = noClasses()
            .that()
            .resideInAPackage(C + "engine..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages(
                    "java.lang",
                    "java.lang.invoke",
                    "java.lang.runtime", // records, switches, string concatenation
                    "java.lang.ref", // CampaignIndex remembers its bundle by identity, weakly
                    "java.math",
                    "java.time",
                    "java.time.temporal",
                    "java.util",
                    "java.util.function",
                    "java.util.stream",
                    C + "engine..",
                    C + "campaign")
            .because("the engine is pure (docs/architecture.md); effects belong to the till's and HQ's adapters");

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("org.loyaltyterminal.core.(**)")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles();
}
