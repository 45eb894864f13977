package org.loyaltyterminal.hq.figures;

import java.time.LocalDate;

/** One day's or one week's flows: local days {@code [start, end)}; a week at the period's edge is cut to it. */
public record SeriesPoint(LocalDate start, LocalDate end, Flows flows) {}
