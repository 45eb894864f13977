package org.loyaltyterminal.hq.figures;

import java.util.List;

/**
 * Where figures come from: HQ's database ({@code hq.store.FiguresQueries} implements it). Each
 * call reads one consistent state where the database allows it. Failures are HqExceptions.
 */
public interface FiguresSource {
    /** One scope's figures, with campaigns and series. */
    Figures figures(Scope scope, ReportPeriod period);

    /** The summary of a chain and of each of its stores. */
    ChainSummary summary(String chain, ReportPeriod period);

    /** Only the flows of a chain and of each of its stores: cheaper, no member counts (which read 90 days). */
    ChainFlows flows(String chain, ReportPeriod period);

    /** Every chain HQ has heard from, sorted. */
    List<String> chains();
}
