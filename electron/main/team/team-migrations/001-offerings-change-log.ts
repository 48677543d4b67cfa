// Team schema 1 (frozen: imports nothing, so a rule changed later never changes
// how a team database was made). What the later sync needs, and no more:
// - desks: every desk that shared or joined, by a random id, with its staff name;
// - offerings: one row per offering ID, its draft as JSON, its listing state
//   (the Marketplace has no read call: this is the team's record of what is listed),
//   the Trash, and the change that last wrote it;
// - changes: the change log, in the order the server assigns (a bigserial), so a
//   desk pulls "everything after seq N" and every desk applies the same order;
// - learners: sealed only. The CHECK holds the sealed layout the desk writes
//   (roster/field-crypto: version byte 1, 12-byte IV, 16-byte tag, then the body),
//   so a clear-text value cannot be stored by a desk that forgot to seal.
import type { TeamMigration } from './migration';

export const teamMigration001: TeamMigration = {
  version: 1,
  name: 'offerings and change log',
  sql: [
    `CREATE TABLE desks (
      desk_id uuid PRIMARY KEY,
      staff_name text NOT NULL DEFAULT '',
      joined_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE changes (
      seq bigserial PRIMARY KEY,
      offering_id text NOT NULL,
      desk_id uuid NOT NULL REFERENCES desks (desk_id),
      kind text NOT NULL CHECK (kind IN ('create', 'edit', 'listing', 'trash', 'restore', 'forget')),
      -- The fields the change wrote, each with its new value (a create or a join carries the whole draft).
      fields jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(fields) = 'object'),
      -- The last change of this offering the desk had seen when it made this one: what a merge compares against.
      base_seq bigint,
      made_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX changes_by_offering ON changes (offering_id, seq)',
    `CREATE TABLE offerings (
      offering_id text PRIMARY KEY CHECK (length(offering_id) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('class', 'online')),
      draft jsonb NOT NULL CHECK (jsonb_typeof(draft) = 'object'),
      -- The body as last listed on the Marketplace, or null when not listed; and the connection that listed it.
      listed jsonb,
      listed_via text CHECK (listed_via IN ('network', 'gateway')),
      trashed_at timestamptz,
      change_seq bigint NOT NULL REFERENCES changes (seq),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid NOT NULL REFERENCES desks (desk_id),
      CHECK ((listed IS NULL) = (listed_via IS NULL))
    )`,
    `CREATE TABLE learners (
      learner_id text PRIMARY KEY,
      offering_id text NOT NULL REFERENCES offerings (offering_id),
      sealed bytea NOT NULL CHECK (get_byte(sealed, 0) = 1 AND length(sealed) >= 1 + 12 + 16 + 2),
      change_seq bigint NOT NULL REFERENCES changes (seq)
    )`,
    // Desks listen on this channel; the payload is the new change's seq, never its content.
    `CREATE FUNCTION changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('offering_desk_changes', NEW.seq::text);
        RETURN NEW;
      END $$`,
    'CREATE TRIGGER changes_notify AFTER INSERT ON changes FOR EACH ROW EXECUTE FUNCTION changes_notify()',
  ],
};
