package org.loyaltyterminal.hq.service;

import java.util.List;
import org.loyaltyterminal.hq.ingest.IngestStats;

/** Counters of a running service, for its metrics and its tests. */
public record ServiceStats(
        List<IngestStats> workers, long lookupsAnswered, long accountsPushed, long redemptionsSent, int queued) {
    public ServiceStats {
        workers = List.copyOf(workers);
    }

    public long stored() {
        return workers.stream().mapToLong(IngestStats::eventsStored).sum();
    }
}
