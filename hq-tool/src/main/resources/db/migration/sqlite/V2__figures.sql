-- The programme figures (hq-tool figures, the service's /figures and /metrics). The PostgreSQL
-- twin is ../postgresql/V2__figures.sql.

-- The event's visit id, the JSON's "visit" (NULL when it has none or an empty one); ingest fills
-- it. Events stored before take it from their JSON here (a JSON text that holds an escaped NUL
-- is left NULL, as on PostgreSQL, which cannot extract from it).
ALTER TABLE events ADD COLUMN visit TEXT;
UPDATE events SET visit = NULLIF(json_extract(json, '$.visit'), '')
  WHERE instr(json, '\u0000') = 0 AND json_valid(json) AND json_type(json, '$.visit') = 'text';

-- An event happened at the till's wall time, or when HQ received it if it had none (as
-- member_stores reckons). Figures select a chain's or a store's events by that time; the former
-- (chain, store, wall_time) index left events without a wall time out, so this one replaces it.
DROP INDEX events_store_time;
CREATE INDEX events_store_at ON events(chain, store, COALESCE(wall_time, received_at));
CREATE INDEX events_chain_at ON events(chain, COALESCE(wall_time, received_at));

-- A member's enrolments, to find the first one (a member a till did not know enrols again there).
CREATE INDEX events_enrolled ON events(member, COALESCE(wall_time, received_at)) WHERE type = 'ENROLLED';
