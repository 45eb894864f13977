/**
 * HQ's storage: {@link org.loyaltyterminal.hq.store.HqDatabase} (a HikariCP pool on SQLite, the
 * embedded default, or PostgreSQL; Flyway migrations per dialect; transactions retried on
 * serialization failures and deadlocks), {@link org.loyaltyterminal.hq.store.JdbcEventStore},
 * the ingest's {@code EventStore} with members' accounts kept in the same transaction as the events,
 * and {@link org.loyaltyterminal.hq.store.FiguresQueries}, the programme figures' {@code FiguresSource}.
 * The only package of hq-tool that speaks JDBC.
 */
package org.loyaltyterminal.hq.store;
