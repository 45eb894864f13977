package org.loyaltyterminal.hq.ingest;

/** Counters since the worker started. */
public record IngestStats(
        long batches,
        long eventsStored,
        long duplicates,
        long malformed,
        long acksPublished,
        long conflicts,
        long reconnects) {}
