-- HQ's schema on SQLite (the embedded default). The PostgreSQL twin is ../postgresql/V1__hq.sql:
-- same tables, columns and keys. Times are TEXT, ISO-8601 UTC with milliseconds
-- (2026-03-01T10:00:00.000Z), so text order is time order.

-- Every terminal's events, once each per (terminal, seq); the fields HQ sums up are columns.
CREATE TABLE events(
  terminal TEXT NOT NULL,
  seq INTEGER NOT NULL,
  chain TEXT NOT NULL,
  store TEXT NOT NULL,
  event_id TEXT,
  type TEXT,
  member TEXT,
  campaign TEXT,
  points INTEGER NOT NULL,
  stamps INTEGER NOT NULL,
  json TEXT NOT NULL,
  wall_time TEXT,
  received_at TEXT NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX events_member ON events(member);
CREATE INDEX events_store_time ON events(chain, store, wall_time);

-- contiguous: every sequence 1..contiguous is stored; what HQ acknowledges and counts.
CREATE TABLE terminals(
  terminal TEXT PRIMARY KEY,
  chain TEXT NOT NULL,
  store TEXT NOT NULL,
  contiguous INTEGER NOT NULL DEFAULT 0,
  last_batch_at TEXT
);

-- The first VOUCHER_REDEEMED per voucher reference and chain; wall_time as the event wrote it.
CREATE TABLE redemptions(
  chain TEXT NOT NULL,
  reference TEXT NOT NULL,
  store TEXT NOT NULL,
  terminal TEXT NOT NULL,
  seq INTEGER NOT NULL,
  wall_time TEXT NOT NULL,
  member TEXT NOT NULL,
  PRIMARY KEY (chain, reference)
);

-- A later redemption of a reference already redeemed: both stay stored; a person settles it.
CREATE TABLE conflicts(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chain TEXT NOT NULL,
  reference TEXT NOT NULL,
  first_store TEXT NOT NULL,
  first_terminal TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  first_wall_time TEXT NOT NULL,
  first_member TEXT NOT NULL,
  second_store TEXT NOT NULL,
  second_terminal TEXT NOT NULL,
  second_seq INTEGER NOT NULL,
  second_wall_time TEXT NOT NULL,
  second_member TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  UNIQUE (chain, reference, second_terminal, second_seq)
);

-- Sums over each terminal's events up to terminals.contiguous, HQ_BALANCE rows excluded,
-- maintained in the transaction that advances contiguous. campaign '' = points of no campaign.
CREATE TABLE accounts(
  member TEXT NOT NULL,
  campaign TEXT NOT NULL,
  points INTEGER NOT NULL,
  stamps INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (member, campaign)
);

-- Where a member shopped: the latest counted event's time per store.
CREATE TABLE member_stores(
  member TEXT NOT NULL,
  chain TEXT NOT NULL,
  store TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (member, chain, store)
);

-- card_key = HMAC-SHA256(HQ's secret, card number), hex: an erased card is known again
-- without its number being stored.
CREATE TABLE card_tombstones(
  card_key TEXT PRIMARY KEY,
  pseudonym TEXT NOT NULL,
  erased_at TEXT NOT NULL
);

CREATE TABLE erasures(
  id TEXT PRIMARY KEY,
  chain TEXT NOT NULL,
  store TEXT,
  terminal TEXT,
  version INTEGER NOT NULL,
  pseudonym TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  card_key TEXT NOT NULL
);

-- A terminal's MEMBER_ERASED event confirming an erasure.
CREATE TABLE erasure_confirmations(
  erasure_id TEXT NOT NULL REFERENCES erasures(id),
  terminal TEXT NOT NULL,
  seq INTEGER NOT NULL,
  confirmed_at TEXT NOT NULL,
  PRIMARY KEY (erasure_id, terminal)
);

CREATE TABLE consents(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('marketing', 'profiling')),
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  given_at TEXT NOT NULL,
  source TEXT NOT NULL,
  wording_version TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX consents_member ON consents(member, purpose);

CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  digest TEXT,
  detail TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
