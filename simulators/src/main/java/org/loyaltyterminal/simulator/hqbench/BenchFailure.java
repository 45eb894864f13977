package org.loyaltyterminal.simulator.hqbench;

/**
 * The benchmark could not do what it needed of the database (create or drop its database, the
 * floor, the check): its message says what, and the command prints it instead of a figure.
 */
public final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
