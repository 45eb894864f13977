package org.loyaltyterminal.hq.ingest;

/** One store of one chain. */
public record StoreRef(String chain, String store) {}
