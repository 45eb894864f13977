/**
 * HQ's reference tool: the head-office side of the sync protocol, by feature: {@code keys}
 * (signing keys), {@code publish} (signed campaigns, commands and member updates), {@code ingest}
 * (event batches in, acknowledgements and conflicts out), {@code store} (the database: events and
 * members' accounts on SQLite or PostgreSQL), {@code fleet} (terminals' status), {@code mqtt}
 * (the one Paho adapter) and {@code cli}.
 */
package org.loyaltyterminal.hq;
