/**
 * The link to head office: store-and-forward of signed, versioned envelopes over MQTT.
 *
 * <p>Not written yet. The terminal already writes every ledger movement as a schema-versioned
 * JSON event into its SQLite outbox, in the same transaction as the award, with the terminal id,
 * per-terminal sequence, boot id, monotonic and wall time and the clock-synchronised flag; this
 * module will drain that outbox and delete rows only on HQ's application-level acknowledgement.
 */
package org.loyaltyterminal.sync;
