package org.loyaltyterminal.core.campaign;

import static org.loyaltyterminal.core.campaign.JsonText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The terms every campaign may have (format 3): priority, exclusive, scope, schedule and limits,
 * with the defaults for what is left out.
 */
final class TermsCheck {

    private static final List<String> SCOPE_FIELDS = List.of("stores", "terminals");
    private static final List<String> SCHEDULE_FIELDS = List.of("days", "from", "until");
    private static final List<String> LIMIT_FIELDS = List.of("perVisit", "perDay", "perMember");

    /** The campaign's terms; empty after a recorded problem. */
    Optional<CampaignTerms> read(Fields c) {
        Optional<Long> priority = c.integer("priority", 0, -1000, 1000);
        Optional<Boolean> exclusive = c.bool("exclusive", false);
        Optional<Scope> scope = c.section("scope", Scope.CHAIN, TermsCheck::scope);
        Optional<Schedule> schedule = c.section("schedule", Schedule.ALWAYS, TermsCheck::schedule);
        Optional<Limits> limits = c.section("limits", Limits.NONE, TermsCheck::limits);
        if (priority.isEmpty() || exclusive.isEmpty() || scope.isEmpty() || schedule.isEmpty() || limits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CampaignTerms(
                priority.get().intValue(), exclusive.get(), scope.get(), schedule.get(), limits.get()));
    }

    private static Optional<Scope> scope(Fields s) {
        s.rejectUnknown(SCOPE_FIELDS);
        Optional<Set<String>> stores = s.optionalStrings("stores");
        Optional<Set<String>> terminals = s.optionalStrings("terminals");
        if (stores.isEmpty() || terminals.isEmpty()) {
            return Optional.empty();
        }
        if (stores.get().isEmpty() && terminals.get().isEmpty()) {
            s.problemHere("needs \"stores\" or \"terminals\" with at least one entry; leave \"scope\" out for a"
                    + " chain-wide campaign");
            return Optional.empty();
        }
        return Optional.of(new Scope(stores.get(), terminals.get()));
    }

    private static Optional<Schedule> schedule(Fields s) {
        s.rejectUnknown(SCHEDULE_FIELDS);
        Optional<Set<String>> dayNames = s.optionalStrings("days");
        Set<DayOfWeek> days = new HashSet<>();
        boolean ok = dayNames.isPresent();
        // by the array, not the set of names, so that a problem names the element it is about
        JsonNode array = s.node().path("days");
        for (int i = 0; dayNames.isPresent() && i < array.size(); i++) {
            String day = array.get(i).asText();
            Optional<DayOfWeek> parsed = Arrays.stream(DayOfWeek.values())
                    .filter(d -> d.name().substring(0, 3).equals(day))
                    .findFirst();
            if (parsed.isEmpty()) {
                s.problem(s.at("days").index(i), "must be one of MON, TUE, WED, THU, FRI, SAT, SUN, was " + quote(day));
                ok = false;
            } else {
                days.add(parsed.get());
            }
        }
        Omittable<LocalTime> from = s.time("from");
        Omittable<LocalTime> until = s.time("until");
        if (!ok || from.isRefused() || until.isRefused()) {
            return Optional.empty();
        }
        if (from.given().isPresent() != until.given().isPresent()) {
            s.problem(
                    from.given().isPresent() ? "until" : "from",
                    "is required when \"" + (from.given().isPresent() ? "from" : "until") + "\" is given, was missing");
            return Optional.empty();
        }
        if (from.given().isPresent() && from.given().equals(until.given())) {
            s.problem(
                    "until",
                    "must differ from \"from\", was the same " + until.given().get()
                            + "; leave out both for the whole day");
            return Optional.empty();
        }
        if (days.isEmpty() && from.given().isEmpty()) {
            s.problemHere("needs \"days\" or \"from\" and \"until\"; leave \"schedule\" out for any time");
            return Optional.empty();
        }
        return Optional.of(new Schedule(days, from.given(), until.given()));
    }

    private static Optional<Limits> limits(Fields l) {
        l.rejectUnknown(LIMIT_FIELDS);
        Omittable<Long> visit = l.optionalInteger("perVisit", 1, Long.MAX_VALUE);
        Omittable<Long> day = l.optionalInteger("perDay", 1, Long.MAX_VALUE);
        Omittable<Long> member = l.optionalInteger("perMember", 1, Long.MAX_VALUE);
        if (visit.isRefused() || day.isRefused() || member.isRefused()) {
            return Optional.empty();
        }
        if (visit.given().isEmpty() && day.given().isEmpty() && member.given().isEmpty()) {
            l.problemHere("needs at least one of perVisit, perDay, perMember; leave \"limits\" out for no limit");
            return Optional.empty();
        }
        return Optional.of(new Limits(cap(visit), cap(day), cap(member)));
    }

    private static OptionalLong cap(Omittable<Long> limit) {
        return limit.given().map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
