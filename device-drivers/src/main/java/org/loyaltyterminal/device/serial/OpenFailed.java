package org.loyaltyterminal.device.serial;

import java.util.Objects;

/**
 * A device could not be brought up: its line did not open, or the device did not answer on it.
 * Expected while a device is unplugged, so it carries no stack trace.
 */
public final class OpenFailed extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient LineProblem problem;

    public OpenFailed(LineProblem problem) {
        super(Objects.requireNonNull(problem, "problem").message(), null, false, false);
        this.problem = problem;
    }

    public LineProblem problem() {
        return problem;
    }
}
