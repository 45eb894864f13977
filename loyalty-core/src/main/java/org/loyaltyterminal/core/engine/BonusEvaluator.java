package org.loyaltyterminal.core.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.loyaltyterminal.core.campaign.BonusCampaign;
import org.loyaltyterminal.core.campaign.BonusTrigger;
import org.loyaltyterminal.core.engine.Award.BonusAwarded;
import org.loyaltyterminal.core.engine.Award.Why;
import org.loyaltyterminal.core.engine.AwardCounts.Unit;
import org.loyaltyterminal.core.engine.VisitInput.VisitOpened;

/** A bonus when a visit opens: welcome (once), birthday (once a year), the Nth visit of a period (once in it). */
final class BonusEvaluator implements CampaignEvaluator<BonusCampaign> {

    @Override
    public List<Award> awards(BonusCampaign bonus, Evaluation evaluation) {
        if (!(evaluation.input() instanceof VisitOpened opened)) {
            return List.of();
        }
        MemberHistory history = evaluation.member().history();
        ZonedDateTime local = evaluation.local();
        Optional<Instant> last = history.tally(bonus.id()).last();
        String rule;
        String detail;
        switch (bonus.trigger()) {
            case BonusTrigger.Welcome _ -> {
                if (!opened.enrolled() || last.isPresent()) {
                    return List.of();
                }
                rule = "bonus.welcome";
                detail = "enrolled";
            }
            case BonusTrigger.Birthday _ -> {
                if (history.birthday().isEmpty()
                        || !isBirthday(history.birthday().get(), local.toLocalDate())
                        || last.filter(l -> l.atZone(local.getZone()).getYear() == local.getYear())
                                .isPresent()) {
                    return List.of();
                }
                rule = "bonus.birthday";
                detail = "first visit on the member's birthday in " + local.getYear();
            }
            case BonusTrigger.NthVisit nth -> {
                ZonedDateTime start = periodStart(local, nth.period());
                long earlier = evaluation.counts().visitsSince(nth.period(), start.toInstant());
                if (earlier + 1 != nth.n()
                        || last.filter(l -> !l.isBefore(start.toInstant())).isPresent()) {
                    return List.of();
                }
                rule = "bonus.nth-visit";
                detail = "visit " + nth.n() + " this " + nth.period().name().toLowerCase(Locale.ROOT);
            }
        }
        long allowed = evaluation.counts().allowed(bonus.id(), bonus.terms().limits(), bonus.points(), Unit.POINTS);
        if (allowed <= 0) {
            return List.of();
        }
        return List.of(new BonusAwarded(bonus.id(), allowed, new Why(rule, detail, evaluation.clockUntrusted())));
    }

    /** 29 February is celebrated on 28 February in other years. */
    static boolean isBirthday(MonthDay birthday, LocalDate today) {
        if (birthday.equals(MonthDay.of(2, 29)) && !today.isLeapYear()) {
            return today.getMonthValue() == 2 && today.getDayOfMonth() == 28;
        }
        return MonthDay.from(today).equals(birthday);
    }

    /** The first instant of the day, the week (from Monday) or the month {@code local} is in, in its zone. */
    static ZonedDateTime periodStart(ZonedDateTime local, BonusTrigger.Period period) {
        ZonedDateTime day = local.truncatedTo(ChronoUnit.DAYS);
        return switch (period) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }
}
