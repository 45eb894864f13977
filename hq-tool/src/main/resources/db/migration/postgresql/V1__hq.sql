-- HQ's schema on PostgreSQL. The SQLite twin is ../sqlite/V1__hq.sql: same tables, columns and
-- keys. Times are text, ISO-8601 UTC with milliseconds (2026-03-01T10:00:00.000Z), in collation
-- "C" so text order is time order whatever the database's locale.

-- Every terminal's events, once each per (terminal, seq); the fields HQ sums up are columns.
CREATE TABLE events(
  terminal text NOT NULL,
  seq bigint NOT NULL,
  chain text NOT NULL,
  store text NOT NULL,
  event_id text,
  type text,
  member text,
  campaign text,
  points bigint NOT NULL,
  stamps bigint NOT NULL,
  json text NOT NULL,
  wall_time text COLLATE "C",
  received_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (terminal, seq)
);
CREATE INDEX events_member ON events(member);
CREATE INDEX events_store_time ON events(chain, store, wall_time);

-- contiguous: every sequence 1..contiguous is stored; what HQ acknowledges and counts.
CREATE TABLE terminals(
  terminal text PRIMARY KEY,
  chain text NOT NULL,
  store text NOT NULL,
  contiguous bigint NOT NULL DEFAULT 0,
  last_batch_at text COLLATE "C"
);

-- The first VOUCHER_REDEEMED per voucher reference and chain; wall_time as the event wrote it.
CREATE TABLE redemptions(
  chain text NOT NULL,
  reference text NOT NULL,
  store text NOT NULL,
  terminal text NOT NULL,
  seq bigint NOT NULL,
  wall_time text COLLATE "C" NOT NULL,
  member text NOT NULL,
  PRIMARY KEY (chain, reference)
);

-- A later redemption of a reference already redeemed: both stay stored; a person settles it.
CREATE TABLE conflicts(
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain text NOT NULL,
  reference text NOT NULL,
  first_store text NOT NULL,
  first_terminal text NOT NULL,
  first_seq bigint NOT NULL,
  first_wall_time text COLLATE "C" NOT NULL,
  first_member text NOT NULL,
  second_store text NOT NULL,
  second_terminal text NOT NULL,
  second_seq bigint NOT NULL,
  second_wall_time text COLLATE "C" NOT NULL,
  second_member text NOT NULL,
  detected_at text COLLATE "C" NOT NULL,
  UNIQUE (chain, reference, second_terminal, second_seq)
);

-- Sums over each terminal's events up to terminals.contiguous, HQ_BALANCE rows excluded,
-- maintained in the transaction that advances contiguous. campaign '' = points of no campaign.
CREATE TABLE accounts(
  member text NOT NULL,
  campaign text NOT NULL,
  points bigint NOT NULL,
  stamps bigint NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (member, campaign)
);

-- Where a member shopped: the latest counted event's time per store.
CREATE TABLE member_stores(
  member text NOT NULL,
  chain text NOT NULL,
  store text NOT NULL,
  last_seen text COLLATE "C" NOT NULL,
  PRIMARY KEY (member, chain, store)
);

-- card_key = HMAC-SHA256(HQ's secret, card number), hex: an erased card is known again
-- without its number being stored.
CREATE TABLE card_tombstones(
  card_key text PRIMARY KEY,
  pseudonym text NOT NULL,
  erased_at text COLLATE "C" NOT NULL
);

CREATE TABLE erasures(
  id text PRIMARY KEY,
  chain text NOT NULL,
  store text,
  terminal text,
  version bigint NOT NULL,
  pseudonym text NOT NULL,
  requested_by text NOT NULL,
  requested_at text COLLATE "C" NOT NULL,
  card_key text NOT NULL
);

-- A terminal's MEMBER_ERASED event confirming an erasure.
CREATE TABLE erasure_confirmations(
  erasure_id text NOT NULL REFERENCES erasures(id),
  terminal text NOT NULL,
  seq bigint NOT NULL,
  confirmed_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (erasure_id, terminal)
);

CREATE TABLE consents(
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('marketing', 'profiling')),
  granted boolean NOT NULL,
  given_at text COLLATE "C" NOT NULL,
  source text NOT NULL,
  wording_version text NOT NULL,
  recorded_at text COLLATE "C" NOT NULL
);
CREATE INDEX consents_member ON consents(member, purpose);

CREATE TABLE audit_log(
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at text COLLATE "C" NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text,
  digest text,
  detail text
);
CREATE INDEX audit_log_at ON audit_log(at);
