package org.loyaltyterminal.core.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code "tiers"} (format 3): what qualifies, over which window, and the levels, lowest first;
 * the order of thresholds and the visits a till can count are the {@link Tiers} record's rules.
 */
final class TiersCheck {

    private static final List<String> FIELDS = List.of("qualifyBy", "windowDays", "graceDays", "levels");
    private static final List<String> LEVEL_FIELDS = List.of("id", "name", "threshold", "multiplierPercent");

    Optional<Tiers> read(Fields t) {
        t.rejectUnknown(FIELDS);
        Optional<Tiers.Basis> basis = t.requiredChoice(
                "qualifyBy", Fields.oneOf("points", Tiers.Basis.POINTS_EARNED, "visits", Tiers.Basis.VISITS));
        Optional<Long> window = t.integer("windowDays", 1, 3650);
        Optional<Long> grace = t.integer("graceDays", 0, 0, 3650);
        List<Tier> levels = new ArrayList<>();
        boolean levelsOk = true;
        Optional<JsonNode> array = t.array("levels");
        if (array.isPresent() && array.get().isEmpty()) {
            t.problem("levels", "must list at least one tier, lowest first; leave \"tiers\" out for no tiers");
            levelsOk = false;
        }
        Map<String, String> idPath = new HashMap<>();
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            Optional<Tier> level = t.element("levels", array.get(), i).flatMap(l -> level(l, idPath));
            level.ifPresent(levels::add);
            levelsOk &= level.isPresent();
        }
        if (basis.isEmpty() || window.isEmpty() || grace.isEmpty() || array.isEmpty() || !levelsOk) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Tiers(basis.get(), window.get().intValue(), grace.get().intValue(), levels));
        } catch (IllegalArgumentException e) {
            t.problem("levels", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Tier> level(Fields l, Map<String, String> idPath) {
        l.rejectUnknown(LEVEL_FIELDS);
        Optional<String> id = l.id().filter(value -> l.unique("id", value, idPath, "tier ids must be unique"));
        Optional<String> name = l.text("name");
        Optional<Long> threshold = l.integer("threshold", 0, Long.MAX_VALUE);
        Optional<Long> percent = l.integer("multiplierPercent", 100, 100, 1000);
        if (id.isEmpty() || name.isEmpty() || threshold.isEmpty() || percent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Tier(id.get(), name.get(), threshold.get(), percent.get().intValue()));
    }
}
