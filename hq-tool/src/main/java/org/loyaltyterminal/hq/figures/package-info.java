/**
 * The loyalty programme's figures as HQ computes them from the stored events, per chain and per
 * store: their values ({@link org.loyaltyterminal.hq.figures.Figures} and its parts), the
 * {@link org.loyaltyterminal.hq.figures.FiguresSource} port that {@code hq.store.FiguresQueries}
 * implements, the JSON and the table, the Prometheus text format, and
 * {@link org.loyaltyterminal.hq.figures.FiguresHttp}, the HTTP endpoint the HQ service starts.
 * Definitions: docs/hq-tool.md, "Programme figures".
 */
package org.loyaltyterminal.hq.figures;
