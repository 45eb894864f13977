package org.loyaltyterminal.terminal.doctor;

import java.util.Objects;

/** What a check found. A failure always carries the way to fix it. */
public sealed interface CheckResult {

    record Passed(String detail) implements CheckResult {
        public Passed {
            Objects.requireNonNull(detail, "detail");
        }
    }

    record Failed(String problem, String fix) implements CheckResult {
        public Failed {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(fix, "fix");
        }
    }

    record Skipped(String reason) implements CheckResult {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
