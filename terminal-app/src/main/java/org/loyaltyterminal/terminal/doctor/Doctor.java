package org.loyaltyterminal.terminal.doctor;

import java.util.ArrayList;
import java.util.List;

/** Runs checks in order and keeps what each found; a check that throws counts as failed. */
public final class Doctor {

    public record Finding(String subject, CheckResult result) {}

    public List<Finding> run(List<Check> checks) {
        List<Finding> findings = new ArrayList<>(checks.size());
        for (Check check : checks) {
            CheckResult result;
            try {
                result = check.run();
            } catch (RuntimeException e) {
                result = new CheckResult.Failed("the check itself failed: " + e.getMessage(), "report this as a bug");
            }
            findings.add(new Finding(check.subject(), result));
        }
        return findings;
    }

    public static boolean allPassed(List<Finding> findings) {
        return findings.stream().noneMatch(f -> f.result() instanceof CheckResult.Failed);
    }
}
