package org.loyaltyterminal.hq.figures;

import java.util.List;

/**
 * A scope's programme figures for a period: the summary, each campaign's share, and the flows
 * per local day and per week (Monday to Sunday, cut to the period) for charts.
 */
public record Figures(
        Scope scope,
        ReportPeriod period,
        Summary summary,
        List<CampaignFigures> campaigns,
        List<SeriesPoint> days,
        List<SeriesPoint> weeks) {
    public Figures {
        campaigns = List.copyOf(campaigns);
        days = List.copyOf(days);
        weeks = List.copyOf(weeks);
    }
}
