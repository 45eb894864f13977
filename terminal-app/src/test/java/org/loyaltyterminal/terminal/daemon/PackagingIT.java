package org.loyaltyterminal.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package and the systemd unit as the tools that consume them see them: dpkg-deb's
 * view of the package, systemd-analyze's verification of the unit inside the unpacked package,
 * and its offline security rating, which must stay at 2.0 or below. Under CI=true a missing
 * dpkg-deb or systemd-analyze fails the build (.ci/run installs them); elsewhere the test is
 * skipped, saying which tool is missing. Also what the daemon's jar holds: nothing of the
 * simulators.
 */
class PackagingIT {
    private static final double MAX_EXPOSURE = 2.0;

    @TempDir
    Path dir;

    private final Path deb =
            Path.of(System.getProperty("loyalty.deb", "target/loyalty-terminal_0.1.0-SNAPSHOT_arm64.deb"));
    private final Path systemd = Path.of(System.getProperty("loyalty.systemd", "../systemd"));

    /** The simulators (emulators, pseudo-terminals, demo, benchmarks) are a module of their own, not shipped. */
    @Test
    void theDaemonsJarHoldsOnlyWhatRunsOnATill() throws Exception {
        Path jar = Path.of(System.getProperty("loyalty.jar", "target/loyalty-terminal.jar"));
        assertTrue(Files.isRegularFile(jar), "the daemon " + jar + " was built (mvn package)");
        List<String> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(JarEntry::getName).toList();
        }
        assertTrue(
                entries.contains("org/loyaltyterminal/terminal/cli/Main.class"), "the daemon's own classes are in it");
        List<String> simulators = entries.stream()
                .filter(e -> e.startsWith("org/loyaltyterminal/simulator/")
                        || e.startsWith("org/loyaltyterminal/device/pty/")
                        || e.startsWith("org/loyaltyterminal/terminal/demo/")
                        || e.startsWith("org/loyaltyterminal/terminal/bench/")
                        || (e.startsWith("org/loyaltyterminal/") && e.contains("Emulator")))
                .toList();
        assertEquals(List.of(), simulators, "simulator classes in the daemon's jar " + jar);
    }

    @Test
    void thePackageDeclaresItsRuntimeItsConffilesAndItsSetup() throws Exception {
        Path dpkgDeb = tool("dpkg-deb");
        assertTrue(Files.isRegularFile(deb), "the package " + deb + " was built (mvn package)");
        Run info = run(dpkgDeb.toString(), "--info", deb.toString());
        assertEquals(0, info.exit(), info.output());
        for (String line : List.of(
                " Package: loyalty-terminal",
                " Architecture: arm64",
                " Depends: openjdk-25-jre-headless | temurin-25-jre | temurin-25-jdk, systemd (>= 247)")) {
            assertTrue(info.output().contains(line + "\n"), "'" + line + "' in:\n" + info.output());
        }
        Path control = dir.resolve("control");
        assertEquals(
                0,
                run(dpkgDeb.toString(), "--control", deb.toString(), control.toString())
                        .exit());
        assertEquals(
                List.of(
                        "/etc/loyalty-terminal/jvm.options",
                        "/etc/loyalty-terminal/terminal.conf",
                        "/etc/udev/rules.d/99-loyalty-terminal.rules"),
                Files.readAllLines(control.resolve("conffiles")).stream()
                        .map(String::strip)
                        .sorted()
                        .toList());
        String postinst = Files.readString(control.resolve("postinst"));
        for (String step : List.of(
                "systemd-sysusers loyalty-terminal.conf",
                "systemd-tmpfiles --create loyalty-terminal.conf",
                "systemctl daemon-reload")) {
            assertTrue(postinst.contains(step), "postinst runs '" + step + "':\n" + postinst);
        }

        Run contents = run(dpkgDeb.toString(), "--contents", deb.toString());
        assertEquals(0, contents.exit(), contents.output());
        for (String entry : List.of(
                "-rw-r--r-- root/root .* ./usr/share/loyalty-terminal/loyalty-terminal.jar",
                "-rwxr-xr-x root/root .* ./usr/bin/loyalty-terminal",
                "-rw-r--r-- root/root .* ./usr/lib/systemd/system/loyalty-terminal.service",
                "-rw-r--r-- root/root .* ./usr/lib/sysusers.d/loyalty-terminal.conf",
                "-rw-r--r-- root/root .* ./usr/lib/tmpfiles.d/loyalty-terminal.conf",
                "-rw-r--r-- root/root .* ./etc/udev/rules.d/99-loyalty-terminal.rules",
                "-rw-r--r-- root/root .* ./etc/loyalty-terminal/terminal.conf",
                "-rw-r--r-- root/root .* ./etc/loyalty-terminal/jvm.options",
                "-rw-r--r-- root/root .* ./usr/share/doc/loyalty-terminal/README.md")) {
            assertTrue(
                    contents.output().lines().anyMatch(l -> l.matches(entry)),
                    "'" + entry + "' in:\n" + contents.output());
        }
    }

    @Test
    void theUnitInThePackageVerifies() throws Exception {
        Path dpkgDeb = tool("dpkg-deb");
        Path analyze = tool("systemd-analyze");
        Path root = dir.resolve("root");
        assertEquals(
                0,
                run(dpkgDeb.toString(), "-x", deb.toString(), root.toString()).exit());
        // The unit pulls in the host's standard targets (sysinit.target, ...): give the root a copy.
        Path units = Path.of("/usr/lib/systemd/system");
        if (Files.isDirectory(units)) {
            try (Stream<Path> files = Files.list(units)) {
                for (Path unit : files.toList()) {
                    Path target = root.resolve("usr/lib/systemd/system")
                            .resolve(unit.getFileName().toString());
                    // Regular files only: masked units are links to /dev/null and not needed here.
                    if (Files.isRegularFile(unit, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) {
                        Files.copy(unit, target);
                    }
                }
            }
        }
        Run verify = run(analyze.toString(), "verify", "--root=" + root, "loyalty-terminal.service");
        assertEquals(0, verify.exit(), verify.output());
        assertEquals("", verify.output().strip(), "no warning about the unit");
        Run syntax = run("sh", "-n", root.resolve("usr/bin/loyalty-terminal").toString());
        assertEquals(0, syntax.exit(), "the launcher script parses: " + syntax.output());
    }

    @Test
    void theUnitsExposureIsTwoOrLess() throws Exception {
        Path analyze = tool("systemd-analyze");
        Path unit = systemd.resolve("loyalty-terminal.service").toAbsolutePath();
        Run security = run(
                analyze.toString(),
                "security",
                "--offline=yes",
                "--threshold=" + Math.round(MAX_EXPOSURE * 10),
                unit.toString());
        Matcher level = Pattern.compile("Overall exposure level for loyalty-terminal\\.service: ([0-9.]+)")
                .matcher(security.output());
        assertTrue(level.find(), security.output());
        double exposure = Double.parseDouble(level.group(1));
        assertTrue(
                exposure <= MAX_EXPOSURE,
                "exposure " + exposure + " is above " + MAX_EXPOSURE + ":\n" + security.output());
        assertEquals(0, security.exit(), security.output());
        assertTrue(!security.output().contains("MemoryDenyWriteExecute=yes"), "the JIT needs W+X memory");
    }

    private record Run(int exit, String output) {}

    private Run run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static Path tool(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        Optional<Path> found = Stream.of(path.split(File.pathSeparator))
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(name
                        + " is not installed but CI=true: install it (apt-get install dpkg systemd), as .ci/run does");
            }
            assumeTrue(false, name + " is not installed; the packaging test is skipped");
        }
        return found.get();
    }
}
