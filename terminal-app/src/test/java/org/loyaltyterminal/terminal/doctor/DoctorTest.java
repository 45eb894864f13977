package org.loyaltyterminal.terminal.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyterminal.terminal.config.ConfigLoader;
import org.loyaltyterminal.terminal.config.TerminalConfig;
import org.loyaltyterminal.terminal.testing.TillFiles;

/**
 * The doctor on a till with a missing device, a device in a group the service user is not in,
 * and no HQ link (reported as not configured until the HQ keys exist). Device nodes are stood in
 * for by files: the check reads owner, group and mode the same way.
 */
class DoctorTest {
    @TempDir
    Path dir;

    @Test
    void aMissingScannerFailsWithTheWayToFindIt() throws IOException {
        TerminalConfig config = config(dir.resolve("no-such-scanner"));
        List<Doctor.Finding> findings =
                new Doctor().run(TerminalChecks.of(config, Optional.of(account(Set.of("loyalty"))), "loyalty"));
        CheckResult.Failed scanner = assertInstanceOf(
                CheckResult.Failed.class, find(findings, "scanner").result());
        assertTrue(scanner.problem().contains("does not exist"), scanner.problem());
        assertTrue(scanner.fix().contains("udevadm info"), scanner.fix());
        assertTrue(!Doctor.allPassed(findings));
    }

    @Test
    void aDeviceInAGroupTheUserIsNotInNamesTheGroupToJoin() throws IOException {
        Path node = device("rw-rw----");
        String group =
                Files.readAttributes(node, PosixFileAttributes.class).group().getName();
        TerminalConfig config = config(node);
        CheckResult result = new DeviceAccessCheck("scanner", node, account(Set.of("loyalty")), "plug it in").run();
        CheckResult.Failed failed = assertInstanceOf(CheckResult.Failed.class, result);
        assertTrue(failed.problem().contains("not in group " + group), failed.problem());
        assertTrue(failed.fix().contains("usermod -aG " + group + " loyalty"), failed.fix());

        CheckResult member =
                new DeviceAccessCheck("scanner", node, account(Set.of("loyalty", group)), "plug it in").run();
        assertInstanceOf(CheckResult.Passed.class, member, member.toString());
        assertEquals(config.scanner().port(), node);
    }

    @Test
    void aDeviceNobodyButItsOwnerMayUseNeedsAUdevRule() throws IOException {
        Path node = device("rw-------");
        CheckResult.Failed failed = assertInstanceOf(
                CheckResult.Failed.class,
                new DeviceAccessCheck("scanner", node, account(Set.of("loyalty")), "plug it in").run());
        assertTrue(failed.fix().contains("udev rule"), failed.fix());
    }

    @Test
    void theBrokerIsNotCheckedUntilHqIsConfiguredAndTheReportSaysSo() throws IOException {
        Path node = device("rw-rw-rw-");
        List<Doctor.Finding> findings =
                new Doctor().run(TerminalChecks.of(config(node), Optional.of(account(Set.of("loyalty"))), "loyalty"));
        CheckResult.Skipped hq = assertInstanceOf(
                CheckResult.Skipped.class, find(findings, "HQ link").result());
        assertTrue(hq.reason().startsWith("not configured (no hq.broker)"), hq.reason());
        assertInstanceOf(CheckResult.Skipped.class, find(findings, "printer").result());
        assertInstanceOf(CheckResult.Passed.class, find(findings, "scanner").result());
        assertInstanceOf(
                CheckResult.Passed.class, find(findings, "clock").result(), "the demo config's flag file exists");
        assertInstanceOf(CheckResult.Passed.class, find(findings, "disk space").result());
        assertTrue(Doctor.allPassed(findings), findings.toString());
    }

    @Test
    void anUnsynchronisedClockAndAMissingUserFail() throws IOException {
        assertInstanceOf(CheckResult.Failed.class, new ClockCheck(dir.resolve("synchronized")).run());
        List<Doctor.Finding> findings =
                new Doctor().run(TerminalChecks.of(config(device("rw-rw-rw-")), Optional.empty(), "loyalty"));
        CheckResult.Failed user = assertInstanceOf(
                CheckResult.Failed.class, find(findings, "service user").result());
        assertTrue(user.fix().contains("systemd-sysusers"), user.fix());
    }

    @Test
    void accountsComeFromPasswdAndGroup() throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                loyalty:x:998:998:Loyalty terminal:/var/lib/loyalty-terminal:/usr/sbin/nologin
                """);
        Path group = Files.writeString(dir.resolve("group"), """
                root:x:0:
                dialout:x:20:pi,loyalty
                gpio:x:997:pi
                loyalty:x:998:
                """);
        assertEquals(
                Optional.of(new ServiceAccount("loyalty", Set.of("loyalty", "dialout"))),
                ServiceAccount.lookUp("loyalty", passwd, group));
        assertEquals(Optional.empty(), ServiceAccount.lookUp("nobody-here", passwd, group));
    }

    private static ServiceAccount account(Set<String> groups) {
        return new ServiceAccount("loyalty", groups);
    }

    private Path device(String mode) throws IOException {
        Path node = Files.createTempFile(dir, "ttyACM", "");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString(mode));
        return node;
    }

    private TerminalConfig config(Path scanner) {
        return new ConfigLoader().load(TillFiles.write(dir.resolve("conf"), scanner));
    }

    private static Doctor.Finding find(List<Doctor.Finding> findings, String prefix) {
        return findings.stream()
                .filter(f -> f.subject().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check for " + prefix + " in " + findings));
    }
}
