package org.loyaltyterminal.core.campaign;

import java.time.Instant;
import java.util.Optional;

/**
 * When a campaign is in force: from {@code from} inclusive to {@code until} exclusive; an empty
 * bound is open. Half-open so that consecutive campaigns can share a boundary without overlap.
 */
public record ValidityWindow(Optional<Instant> from, Optional<Instant> until) {
    public ValidityWindow {
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw new IllegalArgumentException("validFrom " + from.get() + " must be before validUntil " + until.get());
        }
    }

    public static ValidityWindow always() {
        return new ValidityWindow(Optional.empty(), Optional.empty());
    }

    public boolean contains(Instant at) {
        // asked for every candidate campaign on every scan: no lambdas allocated here
        return (from.isEmpty() || !at.isBefore(from.get())) && (until.isEmpty() || at.isBefore(until.get()));
    }
}
