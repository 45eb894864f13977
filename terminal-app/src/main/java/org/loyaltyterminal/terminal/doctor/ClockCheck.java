package org.loyaltyterminal.terminal.doctor;

import java.nio.file.Files;
import java.nio.file.Path;

/** The wall clock is synchronised: systemd-timesyncd's flag file (clock.sync-flag) exists. */
public final class ClockCheck implements Check {
    private final Path flag;

    public ClockCheck(Path flag) {
        this.flag = flag;
    }

    @Override
    public String subject() {
        return "clock";
    }

    @Override
    public CheckResult run() {
        if (Files.exists(flag)) {
            return new CheckResult.Passed("synchronised (" + flag + " exists)");
        }
        return new CheckResult.Failed(
                "not synchronised (" + flag + " is absent); awards are recorded as untrusted time",
                "check 'timedatectl timesync-status', enable systemd-timesyncd ('systemctl enable --now systemd-timesyncd') "
                        + "and let the till reach an NTP server");
    }
}
